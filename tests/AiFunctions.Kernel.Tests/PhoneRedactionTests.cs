using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Redaction;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.Tests;

/// <summary>Phone numbers in national and international forms, with and without separators (libphonenumber-checked).</summary>
public sealed class PhoneRedactionTests
{
    private readonly RegexPiiRedactor _redactor = new();

    [Theory]
    [InlineData("Tel 5550100999", "5550100999")]
    [InlineData("Tel: 555 010 0999.", "555 010 0999")]
    [InlineData("Call 4155552671 after six", "4155552671")]
    [InlineData("Mobile (415)555-2671", "(415)555-2671")]
    [InlineData("Phone 415 555 2671", "415 555 2671")]
    [InlineData("+14155552671 (mobile)", "+14155552671")]
    [InlineData("Reach me on +1-415-555-2671", "+1-415-555-2671")]
    [InlineData("UK: +44 (0)20 7946 0958", "+44 (0)20 7946 0958")]
    [InlineData("UK 0044 20 7946 0958", "0044 20 7946 0958")]
    [InlineData("London 020 7946 0958", "020 7946 0958")]
    [InlineData("Paris 01 23 45 67 89 bureau", "01 23 45 67 89")]
    [InlineData("Paris +33 1 23 45 67 89", "+33 1 23 45 67 89")]
    [InlineData("Berlin +49 30 1234567", "+49 30 1234567")]
    [InlineData("Handy 0151 23456789", "0151 23456789")]
    [InlineData("Mumbai +91 98765 43210", "+91 98765 43210")]
    [InlineData("Phone number: 555-0100", "555-0100")]
    [InlineData("T: 030/1234567", "030/1234567")]
    [InlineData("tel.+33612345678", "+33612345678")]
    public void Phone_numbers_in_national_and_international_forms_are_replaced_and_restored(string text, string number)
    {
        var result = _redactor.Redact(text);

        Assert.DoesNotContain(number, result.Text, StringComparison.Ordinal);
        Assert.Equal(number, result.Placeholders["[PHONE_1]"]);
        Assert.Equal(text, result.Restore(result.Text));
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        Assert.DoesNotContain(digits[^4..], result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("January 2016 - Present; June 2010 - December 2015")]
    [InlineData("2010-2015 and 2015 - 2020, on 2024-01-15 and 12/05/2015")]
    [InlineData("Revenue grew from 1500000 to 2500000 dollars; 30% margin")]
    [InlineData("Managed a $2,500,000 budget and 120 staff in 14 stores")]
    [InlineData("Order 1234567 shipped; ticket ABC1234567890 closed")]
    [InlineData("Version 10.0.15.2 and ISO 9001:2015, room 4.12")]
    public void Years_amounts_ids_and_versions_are_not_phone_numbers(string text)
    {
        var result = _redactor.Redact(text);

        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void Two_numbers_get_two_placeholders_and_the_same_number_keeps_one()
    {
        var result = _redactor.Redact("Tel 5550100999, fax +1 212 555 0199, again Tel 5550100999.");

        Assert.Equal("Tel [PHONE_1], fax [PHONE_2], again Tel [PHONE_1].", result.Text);
    }

    [Fact]
    public void Phone_regions_are_configurable_and_an_unknown_region_fails_naming_the_setting()
    {
        var problems = new List<string>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Redaction:PhoneRegions:0"] = "GB",
            ["AiFunctions:Redaction:PhoneRegions:1"] = "XX",
        }).Build();

        KernelOptions.Read(configuration, problems);

        Assert.Contains(problems, p => p.Contains("PhoneRegions", StringComparison.Ordinal) && p.Contains("'XX'", StringComparison.Ordinal));
    }
}
