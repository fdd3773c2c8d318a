using AiFunctions.Kernel.Redaction;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// Personal data a newcomer wrote the ways resumes write it (issue 10 item 2): e-mail addresses dodging scrapers or in
/// other scripts, profile and portfolio URLs beyond the big networks, street addresses in other forms and languages.
/// None of the value may reach the provider text; ordinary resume lines stay.
/// </summary>
public sealed class RedactionCoverageTests
{
    private readonly RegexPiiRedactor _redactor = new();

    [Theory]
    [InlineData("jane.doe(at)example(dot)com", "jane.doe(at)example(dot)com", "EMAIL")]
    [InlineData("jane [at] example [dot] com", "jane [at] example [dot] com", "EMAIL")]
    [InlineData("jane.doe {at} mail.example.org", "jane.doe {at} mail.example.org", "EMAIL")]
    [InlineData("jane . doe @ example . com", "jane . doe @ example . com", "EMAIL")]
    [InlineData("jöhn@exämple.de", "jöhn@exämple.de", "EMAIL")]
    [InlineData("李雷@例子.中国", "李雷@例子.中国", "EMAIL")]
    [InlineData("gitlab.com/janedoe", "janedoe", "PROFILE_URL")]
    [InlineData("https://behance.net/janedoe", "janedoe", "PROFILE_URL")]
    [InlineData("stackoverflow.com/users/123/jane-doe", "jane-doe", "PROFILE_URL")]
    [InlineData("medium.com/@janedoe", "janedoe", "PROFILE_URL")]
    [InlineData("t.me/janedoe", "janedoe", "PROFILE_URL")]
    [InlineData("https://janedoe.github.io/cv", "janedoe", "PROFILE_URL")]
    [InlineData("kaggle.com/janedoe", "janedoe", "PROFILE_URL")]
    [InlineData("123 Main Street, Springfield, IL 62704", "123 Main Street", "ADDRESS")]
    [InlineData("123 Main Street, Springfield, IL 62704", "62704", "ADDRESS")]
    [InlineData("4821 Oak Hollow Trail, Austin TX 78745", "4821 Oak Hollow Trail", "ADDRESS")]
    [InlineData("4821 Oak Hollow Trail, Austin TX 78745", "78745", "ADDRESS")]
    [InlineData("42 elm street, springfield", "42 elm street", "ADDRESS")]
    [InlineData("PO Box 1234, Springfield", "PO Box 1234", "ADDRESS")]
    [InlineData("12 rue de la Paix, 75002 Paris", "12 rue de la Paix", "ADDRESS")]
    [InlineData("12 rue de la Paix, 75002 Paris", "75002", "ADDRESS")]
    [InlineData("Calle Mayor 5, 28013 Madrid", "Calle Mayor 5", "ADDRESS")]
    [InlineData("Calle Mayor 5, 28013 Madrid", "28013", "ADDRESS")]
    [InlineData("Rua Augusta 100, Lisboa", "Rua Augusta 100", "ADDRESS")]
    [InlineData("Musterstraße 12, 10115 Berlin", "10115", "ADDRESS")]
    public void Each_form_is_replaced_and_its_identifying_part_never_reaches_the_text(string pii, string identifying, string kind)
    {
        var text = $"Cashier\nReach me: {pii}\nExperience";

        var result = _redactor.Redact(text);

        Assert.Contains($"[{kind}_1]", result.Text, StringComparison.Ordinal);
        Assert.False(result.Text.Contains(identifying, StringComparison.OrdinalIgnoreCase), $"'{identifying}' of '{pii}' left in: {result.Text}");
    }

    [Theory]
    [InlineData("Senior Software Engineer, Google, Mountain View, CA - January 2016 - Present")]
    [InlineData("Handled 50 calls a day via phone and email, 2019 Present")]
    [InlineData("Worked at Acme, 2015 Shanghai office, 10 Downing teams")]
    [InlineData("Led 3 teams across 2 sites; 100% on-time delivery")]
    [InlineData("Contacted 200 via LinkedIn; see me at the Python meetup")]
    public void Ordinary_resume_lines_are_left_as_they_are(string line)
    {
        Assert.Equal(line, _redactor.Redact(line).Text);
    }
}
