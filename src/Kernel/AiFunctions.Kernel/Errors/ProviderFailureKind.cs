namespace AiFunctions.Kernel.Errors;

/// <summary>Why a provider call failed; decides whether the kernel retries, fails over or stops.</summary>
public enum ProviderFailureKind
{
    /// <summary>429: retried after Retry-After, then failed over.</summary>
    RateLimited,
    /// <summary>5xx or connection failure: retried with backoff, then failed over.</summary>
    Unavailable,
    /// <summary>The call took longer than the target's timeout: retried, then failed over.</summary>
    Timeout,
    /// <summary>400 or a request the provider cannot serve: not retried; the caller's request is wrong.</summary>
    BadRequest,
    /// <summary>401/403: not retried; the credentials or permissions for this instance are wrong.</summary>
    Unauthorized,
    /// <summary>The provider refused the content (content filter, refusal): not retried on the same target.</summary>
    ContentFiltered,
    /// <summary>The provider answered with a body the SDK could not read: retried once, then failed over.</summary>
    MalformedResponse,
    /// <summary>The plugin cannot do this at all (e.g. plain chat on the non-generative Local plugin).</summary>
    NotSupported,
}
