using AiFunctions.Testing;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// Whatever characters a resume holds, keeping it in its candidate row neither fails the batch's transaction nor
/// loses the other candidates' resumes: text that is not valid UTF-16 (lone surrogates) is stored as a blob would store
/// it (each lone surrogate as U+FFFD), every other character round-trips.
/// </summary>
public sealed class RowResumeCharactersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Resumes_with_lone_surrogates_line_separators_controls_and_noncharacters_are_stored_in_rows_and_read_back()
    {
        var store = new TableScreeningStore(Options.Create(new WorkflowStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            NamePrefix = "c" + Guid.NewGuid().ToString("N")[..10],
        }));
        var limit = TableScreeningStore.MaxRowResumeChars;
        var resumes = new[]
        {
            KeyValuePair.Create("c-high", "Skills: C# \uD800 and more"),
            KeyValuePair.Create("c-low", "\uDC00 leading low surrogate"),
            KeyValuePair.Create("c-swapped", "swapped pair \uDE00\uD83D end"),
            KeyValuePair.Create("c-trailing", "ends with a high surrogate \uD83D"),
            KeyValuePair.Create("c-separators", "line\u2028paragraph\u2029next\u0085nel"),
            KeyValuePair.Create("c-controls", "nul\0bell\u0007esc\u001B del\u007F"),
            KeyValuePair.Create("c-noncharacters", "\uFFFE\uFFFF\uFDD0 bom\uFEFF"),
            KeyValuePair.Create("c-limit-lone", new string('\uD800', limit)),
            KeyValuePair.Create("c-limit-escapes", new string('"', limit)),
            KeyValuePair.Create("c-plain", "A plain resume with C#"),
        };

        var references = await store.PutResumesAsync("contoso.chars", resumes);

        Assert.All(references, r => Assert.StartsWith("row:", r, StringComparison.Ordinal));
        var found = await store.FindCandidatesAsync("contoso.chars", resumes.Select(r => r.Key).ToArray());
        for (var i = 0; i < resumes.Length; i++)
        {
            var expected = WellFormed(resumes[i].Value);
            Assert.Equal(expected, found[resumes[i].Key].ResumeText);
            Assert.Equal(expected, await store.GetResumeAsync(references[i]));
        }
    }

    [Theory]
    [InlineData('+')]
    [InlineData('`')]
    [InlineData('<')]
    [InlineData('\u2028')]
    public async Task A_hundred_limit_length_resumes_of_characters_json_escapes_fit_the_transactions_they_are_grouped_in(char c)
    {
        var store = new TableScreeningStore(Options.Create(new WorkflowStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            NamePrefix = "c" + Guid.NewGuid().ToString("N")[..10],
        }));
        var resumes = Enumerable.Range(0, 100).Select(i => KeyValuePair.Create($"c-{i:D3}", new string(c, TableScreeningStore.MaxRowResumeChars))).ToArray();

        await store.PutResumesAsync("contoso.escapes", resumes);

        var found = await store.FindCandidatesAsync("contoso.escapes", resumes.Select(r => r.Key).ToArray());
        Assert.All(resumes, r => Assert.Equal(r.Value, found[r.Key].ResumeText));
    }

    [Fact]
    public void The_size_estimate_bounds_every_utf16_code_unit_as_the_json_writer_writes_it()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = new string((char)c, 3);
            var written = System.Text.Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(text)) - 2;
            Assert.True(written <= TableScreeningStore.JsonBytes(text), $"U+{c:X4}: {written} bytes written, {TableScreeningStore.JsonBytes(text)} estimated.");
        }
    }

    // What a UTF-8 blob stores for the same text: each lone surrogate becomes U+FFFD.
    private static string WellFormed(string text) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
}
