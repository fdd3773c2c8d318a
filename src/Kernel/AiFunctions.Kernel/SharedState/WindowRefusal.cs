namespace AiFunctions.Kernel.SharedState;

/// <summary>What refused a request at a shared one-minute window (<see cref="IKernelSharedState.AdmitToWindows"/>).</summary>
internal enum WindowRefusal
{
    /// <summary>Admitted: one request was added to the window.</summary>
    None,

    /// <summary>The window's tokens are at or above the threshold (nothing added).</summary>
    Tokens,

    /// <summary>The window's requests are at or above the threshold (nothing added).</summary>
    Requests,
}
