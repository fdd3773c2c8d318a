using System.Net;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

public sealed class ConfiguredLimitTests(SmallLimitsHostFactory factory) : IClassFixture<SmallLimitsHostFactory>
{
    [Fact]
    public async Task The_batch_limit_comes_from_configuration_and_is_stated()
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create("six", 6));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "batch-too-large");
        Assert.Equal(5, body.GetProperty("limit").GetInt32());
        Assert.Equal(6, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_resume_limit_comes_from_configuration_and_is_stated()
    {
        using var client = factory.CreateAuthorizedClient();
        var batch = Batches.Create("long-resume", 1);
        batch = batch with { Candidates = [batch.Candidates[0] with { ResumeText = new string('b', 2001) }] };
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "resume-too-large");
        Assert.Equal(2000, body.GetProperty("limit").GetInt32());
    }
}
