using AiFunctions.Workflows.Sanitizing;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class CandidateNameBlinderTests
{
    [Fact]
    public void Full_name_and_each_part_are_replaced_wherever_they_occur_in_any_case()
    {
        var (text, count) = CandidateNameBlinder.Blind("MARY-JANE O'NEIL\nMary-Jane led it; O'Neil's team; Neil, Mary wrote it. mary-jane.", "Mary-Jane O'Neil");

        Assert.DoesNotContain("mary", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("neil", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(count >= 6, $"expected at least 6 replacements, got {count}");
    }

    [Fact]
    public void Name_parts_inside_other_words_and_everyday_words_are_left_alone()
    {
        var (text, _) = CandidateNameBlinder.Blind("Ann An wrote Annual reports and an analysis.", "Ann An");

        Assert.Equal("[CANDIDATE] wrote Annual reports and an analysis.", text);
    }
}
