namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// One window to admit a request at (<see cref="IKernelSharedState.AdmitToWindows"/>): the subject's
/// <paramref name="Key"/> (<c>tenant:{tenant}</c>, <c>target:{instance/model}</c>), the token count at which it refuses
/// and the request count at which it refuses (each -1 when that kind has no limit).
/// </summary>
internal readonly record struct SharedWindow(string Key, long TokenThreshold, long RequestThreshold);
