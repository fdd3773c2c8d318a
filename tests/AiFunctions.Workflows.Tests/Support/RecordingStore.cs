using System.Collections.Concurrent;
using System.Reflection;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>An <see cref="IScreeningStore"/> that records each call (method name and arguments) and forwards it.</summary>
public class RecordingStore : DispatchProxy
{
    private IScreeningStore? _inner;
    private ConcurrentQueue<(string Method, object?[] Args)>? _calls;

    internal static IScreeningStore Create(IScreeningStore inner, ConcurrentQueue<(string Method, object?[] Args)> calls)
    {
        var proxy = Create<IScreeningStore, RecordingStore>();
        var recording = (RecordingStore)(object)proxy;
        (recording._inner, recording._calls) = (inner, calls);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls!.Enqueue((targetMethod.Name, args ?? []));
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
