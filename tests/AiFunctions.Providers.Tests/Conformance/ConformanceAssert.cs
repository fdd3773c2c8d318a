using AiFunctions.Kernel.Errors;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

/// <summary>Finds the kernel's failure facts in whatever exception a call ended with.</summary>
public static class ConformanceAssert
{
    /// <summary>The exception and its inner exceptions, outermost first.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>Every failure kind the exception reports: ProviderExceptions in the chain and a route's attempts.</summary>
    public static IReadOnlyList<AiFailureReason> Kinds(Exception exception) =>
        Chain(exception).SelectMany(e => e switch
        {
            ProviderException p => [p.Reason],
            RouteFailedException r => r.Attempts.Where(a => a.Kind is not null).Select(a => a.Kind!.Value),
            _ => Enumerable.Empty<AiFailureReason>(),
        }).Distinct().ToArray();

    public static void HasKind(Exception exception, AiFailureReason kind) =>
        Assert.True(Kinds(exception).Contains(kind), $"Expected failure kind {kind}, got [{string.Join(", ", Kinds(exception))}] in: {exception}");

    /// <summary>Runs <paramref name="call"/> and asserts it fails with a NotSupported error whose message says so clearly.</summary>
    public static async Task<Exception> NotSupportedAsync(Func<Task> call)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(call);
        HasKind(exception, AiFailureReason.NotSupported);
        return exception;
    }
}
