namespace AiFunctions.Kernel.Redaction;

/// <summary><c>AiFunctions:Redaction</c>: which kinds of personal data the regex redactor replaces (all on by default).</summary>
public sealed class RedactionSettings
{
    public bool Emails { get; set; } = true;

    public bool Phones { get; set; } = true;

    public bool Addresses { get; set; } = true;

    public bool DatesOfBirth { get; set; } = true;

    public bool NationalIds { get; set; } = true;

    /// <summary>Profile URLs on social/professional networks (LinkedIn, GitHub, X/Twitter, Facebook, Instagram, Xing).</summary>
    public bool ProfileUrls { get; set; } = true;

    /// <summary>Names given by the caller, and names after explicit labels such as "Name:" or "Candidate:".</summary>
    public bool Names { get; set; } = true;
}
