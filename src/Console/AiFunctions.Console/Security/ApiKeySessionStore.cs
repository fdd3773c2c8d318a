using System.Collections.Concurrent;
using System.Security.Cryptography;
using AiFunctions.Console.Configuration;
using Microsoft.Extensions.Options;

namespace AiFunctions.Console.Security;

/// <summary>
/// Keeps each API-key sign-in's key on the server, in memory, under a random session id (256 bits) that is the only
/// thing the sign-in cookie carries (itself encrypted by ASP.NET Core Data Protection). The key never reaches a page
/// or the browser. A session ends on sign-out, after <see cref="ConsoleOptions.SessionIdleTimeout"/> without use, or
/// when the console restarts (then people sign in again).
/// </summary>
public sealed class ApiKeySessionStore(IOptions<ConsoleOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    /// <summary>Stores <paramref name="apiKey"/> and returns the new session's id.</summary>
    public string Open(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        Sweep();
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = new Entry(apiKey, time.GetUtcNow());
        return id;
    }

    /// <summary>The key of a live session (and marks it used), or null when the session ended.</summary>
    public string? Find(string? sessionId)
    {
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - entry.LastUsed > options.Value.SessionIdleTimeout)
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }

        _sessions[sessionId] = entry with { LastUsed = now };
        return entry.ApiKey;
    }

    public void Close(string? sessionId)
    {
        if (sessionId is not null)
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }

    /// <summary>Live sessions (for tests and diagnostics; never their keys).</summary>
    public int Count => _sessions.Count;

    private void Sweep()
    {
        var cutoff = time.GetUtcNow() - options.Value.SessionIdleTimeout;
        foreach (var (id, entry) in _sessions)
        {
            if (entry.LastUsed < cutoff)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Entry(string ApiKey, DateTimeOffset LastUsed);
}
