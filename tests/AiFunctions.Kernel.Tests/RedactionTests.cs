using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

public sealed class RedactionTests
{
    private readonly RegexPiiRedactor _redactor = new();

    [Theory]
    [InlineData("Write to jane.doe+jobs@example.co.uk today.", "jane.doe+jobs@example.co.uk", "[EMAIL_1]")]
    [InlineData("Mail me (a.b_c-d%x@mail-1.example.org).", "a.b_c-d%x@mail-1.example.org", "[EMAIL_1]")]
    [InlineData("Call +44 20 7946 0958 now", "+44 20 7946 0958", "[PHONE_1]")]
    [InlineData("Call +1 (415) 555-2671 now", "+1 (415) 555-2671", "[PHONE_1]")]
    [InlineData("Mobile: +49 151 23456789.", "+49 151 23456789", "[PHONE_1]")]
    [InlineData("Phone (415) 555-2671 or", "(415) 555-2671", "[PHONE_1]")]
    [InlineData("Phone 415-555-2671 or", "415-555-2671", "[PHONE_1]")]
    [InlineData("Phone 415.555.2671 or", "415.555.2671", "[PHONE_1]")]
    [InlineData("Lives at 221B Baker Street, London", "221B Baker Street", "[ADDRESS_1]")]
    [InlineData("Lives at 1600 Pennsylvania Ave NW", "1600 Pennsylvania Ave", "[ADDRESS_1]")]
    [InlineData("Address: 12 rue de la Paix, 75002 Paris\nSkills", "12 rue de la Paix, 75002 Paris", "[ADDRESS_1]")]
    [InlineData("Wohnt Hauptstraße 5 in Berlin", "Hauptstraße 5", "[ADDRESS_1]")]
    [InlineData("Postcode SW1A 1AA here", "SW1A 1AA", "[ADDRESS_1]")]
    [InlineData("DOB: 04/07/1988. Skills", "04/07/1988", "[DOB_1]")]
    [InlineData("Date of birth: 1988-07-04", "1988-07-04", "[DOB_1]")]
    [InlineData("born on 4 July 1988 in Leeds", "4 July 1988", "[DOB_1]")]
    [InlineData("Born: March 3rd, 1990", "March 3rd, 1990", "[DOB_1]")]
    [InlineData("SSN 123-45-6789 on file", "123-45-6789", "[NATIONAL_ID_1]")]
    [InlineData("NINO AB 12 34 56 C on file", "AB 12 34 56 C", "[NATIONAL_ID_1]")]
    [InlineData("National ID number: 7804120123 (SE)", "7804120123", "[NATIONAL_ID_1]")]
    [InlineData("Passport No: X1234567 issued", "X1234567", "[NATIONAL_ID_1]")]
    [InlineData("See linkedin.com/in/jane-doe-123 and", "linkedin.com/in/jane-doe-123", "[PROFILE_URL_1]")]
    [InlineData("Code at https://github.com/janedoe.", "https://github.com/janedoe", "[PROFILE_URL_1]")]
    [InlineData("Name: Jane Doe\nExperience", "Jane Doe", "[NAME_1]")]
    public void Each_kind_is_replaced_by_its_placeholder_and_restored(string text, string pii, string placeholder)
    {
        var result = _redactor.Redact(text);

        Assert.DoesNotContain(pii, result.Text, StringComparison.Ordinal);
        Assert.Contains(placeholder, result.Text, StringComparison.Ordinal);
        Assert.Equal(pii, result.Placeholders[placeholder]);
        Assert.Equal(text, result.Restore(result.Text));
    }

    [Fact]
    public void Known_names_and_their_parts_are_redacted_everywhere_with_stable_placeholders()
    {
        var text = "Jane Doe led the team. Later, Jane mentored two juniors; Ms. Doe also wrote jane@example.com twice: jane@example.com.";

        var result = _redactor.Redact(text, ["Jane Doe"]);

        Assert.DoesNotContain("Jane", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Doe", result.Text, StringComparison.Ordinal);
        Assert.Equal(2, result.Text.Split("[EMAIL_1]").Length - 1);
        Assert.Equal(text, result.Restore(result.Text));
    }

    [Fact]
    public void A_labelled_name_is_also_redacted_where_it_occurs_again()
    {
        var result = _redactor.Redact("Candidate: Amara Okafor\nSummary: Amara Okafor is a nurse.");

        Assert.DoesNotContain("Amara", result.Text, StringComparison.Ordinal);
        Assert.Equal("Candidate: [NAME_1]\nSummary: [NAME_1] is a nurse.", result.Text);
    }

    [Fact]
    public void Ordinary_numbers_dates_and_words_are_left_alone()
    {
        const string text = "Led 5 projects from 2019-2023, budget 250000, grew revenue 12.5% on 2024-01-15. Skills: C#, SQL.";

        var result = _redactor.Redact(text);

        Assert.Equal(text, result.Text);
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public void Several_emails_get_their_own_placeholders_and_an_at_sign_alone_is_not_an_email()
    {
        var result = _redactor.Redact("a@b.io, c@d.io and a@b.io; meet @ noon; user@localhost");

        Assert.Equal("[EMAIL_1], [EMAIL_2] and [EMAIL_1]; meet @ noon; user@localhost", result.Text);
    }

    [Fact]
    public void Kinds_can_be_switched_off()
    {
        var redactor = new RegexPiiRedactor(new RedactionOptions { Emails = false });

        var result = redactor.Redact("jane@example.com, 415-555-2671");

        Assert.StartsWith("jane@example.com", result.Text, StringComparison.Ordinal);
        Assert.Contains("[PHONE_1]", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redacting_client_sends_placeholders_and_restores_the_answer_keeping_one_map_across_messages()
    {
        var inner = new FakeChatClient("x").Step((messages, _) =>
            FakeChatClient.Response($"Dear [NAME_1], we will call [PHONE_1]. Seen: {messages[0].Text} | {messages[1].Text}"));
        using var client = new RedactingChatClient(inner, _redactor);
        var options = new ChatOptions { AdditionalProperties = new() { [MessageRedaction.KnownNamesProperty] = new[] { "Jane Doe" } } };

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Reply to Jane Doe at 415-555-2671"), new ChatMessage(ChatRole.User, "Jane asks again from 415-555-2671")],
            options);

        var sent = inner.Requests[0].Messages;
        Assert.Equal("Reply to [NAME_1] at [PHONE_1]", sent[0].Text);
        Assert.Equal("[NAME_2] asks again from [PHONE_1]", sent[1].Text);
        Assert.StartsWith("Dear Jane Doe, we will call 415-555-2671.", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Address: 5 Long Lane, phone +44 20 7946 0958, jane@example.com\nSkills", new[] { "5 Long Lane", "+44 20 7946 0958", "jane@example.com" })]
    [InlineData("Home address: 10 Downing Street, London SW1A 2AA\nDOB: 04/07/1988", new[] { "10 Downing Street", "SW1A 2AA", "04/07/1988" })]
    [InlineData("Candidate: Jane Doe (jane.doe@example.com), Jane's phone 415-555-2671; Doe, J.", new[] { "Jane Doe", "jane.doe@example.com", "415-555-2671", "Doe," })]
    public void Values_inside_other_values_never_leak_and_everything_restores(string text, string[] pii)
    {
        var result = _redactor.Redact(text);

        foreach (var value in pii)
        {
            Assert.DoesNotContain(value, result.Text, StringComparison.Ordinal);
        }

        Assert.Equal(text, result.Restore(result.Text));
    }

    [Fact]
    public void Clean_messages_are_sent_as_they_are_and_only_changed_ones_are_copied()
    {
        ChatMessage system = new(ChatRole.System, "You screen resumes against a job description.");
        ChatMessage user = new(ChatRole.User, "Five years of payroll work in C#, 2019-2024.");
        var (clean, none) = MessageRedaction.Redact([system, user], _redactor, null);
        Assert.Equal(0, none.Count);
        Assert.Same(system, clean[0]);
        Assert.Same(user, clean[1]);

        ChatMessage withPii = new(ChatRole.User, "Reach me at jane.doe@example.com.");
        var (sent, redaction) = MessageRedaction.Redact([system, withPii], _redactor, null);
        Assert.Same(system, sent[0]);
        Assert.NotSame(withPii, sent[1]);
        Assert.Equal("Reach me at [EMAIL_1].", sent[1].Text);
        Assert.Equal("Reach me at jane.doe@example.com.", withPii.Text);
        Assert.Equal(1, redaction.Count);
    }
}
