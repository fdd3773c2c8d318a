namespace AiFunctions.Kernel.Redaction;

/// <summary><c>AiFunctions:Redaction</c>: which kinds of personal data the regex redactor replaces (all on by default).</summary>
public sealed class RedactionOptions
{
    public bool Emails { get; set; } = true;

    public bool Phones { get; set; } = true;

    /// <summary>
    /// ISO 3166 region codes (libphonenumber's) that a national phone number without '+' or '00' is checked against:
    /// a run of digits is redacted when it is a possible number in any of them. Null (the default) means
    /// <see cref="DefaultPhoneRegions"/>.
    /// </summary>
    public IReadOnlyList<string>? PhoneRegions { get; set; }

    /// <summary>US, CA, GB, DE, FR, ES, IT, NL, IN, AU, BR, MX.</summary>
    public static IReadOnlyList<string> DefaultPhoneRegions { get; } = ["US", "CA", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "AU", "BR", "MX"];

    public bool Addresses { get; set; } = true;

    public bool DatesOfBirth { get; set; } = true;

    public bool NationalIds { get; set; } = true;

    /// <summary>Profile URLs on social/professional networks (LinkedIn, GitHub, X/Twitter, Facebook, Instagram, Xing).</summary>
    public bool ProfileUrls { get; set; } = true;

    /// <summary>Names given by the caller, and names after explicit labels such as "Name:" or "Candidate:".</summary>
    public bool Names { get; set; } = true;
}
