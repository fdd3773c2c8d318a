using AiFunctions.Workflows.Sanitizing;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class CandidateNameBlinderTests
{
    [Fact]
    public void Full_name_in_any_case_and_each_part_where_it_stands_as_a_name_are_replaced()
    {
        var (text, count) = CandidateNameBlinder.Blind("MARY-JANE O'NEIL\nExperience\nmary-jane o'neil led it; O'Neil's team grew, and Mary wrote it; Neil reviewed it.", "Mary-Jane O'Neil");

        Assert.Equal("[CANDIDATE]\nExperience\n[CANDIDATE] led it; [CANDIDATE]'s team grew, and [CANDIDATE] wrote it; [CANDIDATE] reviewed it.", text);
        Assert.Equal(5, count);
    }

    [Fact]
    public void Name_parts_inside_other_words_and_everyday_words_are_left_alone()
    {
        var (text, _) = CandidateNameBlinder.Blind("Ann An wrote Annual reports and an analysis.", "Ann An");

        Assert.Equal("[CANDIDATE] wrote Annual reports and an analysis.", text);
    }
}
