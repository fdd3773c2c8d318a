using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace AiFunctions.Workflows;

/// <summary>
/// The one id pattern and the one key function. Every id a caller chooses or is issued (batch, candidate, job
/// description, upload) and every tenant id matches <see cref="Rule"/>: 1-64 characters, a letter or digit first, then
/// letters, digits, '-' or '_' (ASCII only). So an id can never be ".", "..", hold a path separator, a percent escape,
/// a control character or a Unicode look-alike, and is the same string in a URL path, a table key, a blob name and
/// an orchestration instance id. Storage and instance keys of a tenant's resource are built by <see cref="Scope"/> only:
/// <c>{tenant}.{id}</c>; '.' is not allowed in either part, so the split is unambiguous and two tenants' "b-1" are
/// different keys.
/// </summary>
public static class ResourceIds
{
    /// <summary>Longest id or tenant id.</summary>
    public const int MaxLength = 64;

    /// <summary>Separates tenant and id in a scoped key; not allowed in either part.</summary>
    public const char ScopeSeparator = '.';

    /// <summary>Longest scoped key: tenant + separator + id.</summary>
    public const int MaxScopedLength = (2 * MaxLength) + 1;

    /// <summary>The rule, as quoted in error messages and docs.</summary>
    public const string Rule = "1-64 ASCII characters: a letter or digit first, then letters, digits, '-' or '_'";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>True when <paramref name="id"/> matches <see cref="Rule"/>.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && char.IsAsciiLetterOrDigit(id[0]) && !id.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>
    /// The storage / instance key of <paramref name="id"/> in <paramref name="tenant"/>: "{tenant}.{id}". Throws
    /// <see cref="ArgumentException"/> when either part breaks <see cref="Rule"/> (callers validate first).
    /// </summary>
    public static string Scope(string tenant, string id)
    {
        if (!IsValid(tenant))
        {
            throw new ArgumentException($"The tenant id is not usable: use {Rule}.", nameof(tenant));
        }

        if (!IsValid(id))
        {
            throw new ArgumentException($"The id is not usable: use {Rule}.", nameof(id));
        }

        return string.Concat(tenant, ScopeSeparator.ToString(), id);
    }

    /// <summary>True when <paramref name="key"/> is a key <see cref="Scope"/> built; gives its parts.</summary>
    public static bool TryUnscope([NotNullWhen(true)] string? key, [NotNullWhen(true)] out string? tenant, [NotNullWhen(true)] out string? id)
    {
        tenant = id = null;
        var at = key?.IndexOf(ScopeSeparator, StringComparison.Ordinal) ?? -1;
        if (at <= 0 || !IsValid(key![..at]) || !IsValid(key[(at + 1)..]))
        {
            return false;
        }

        tenant = key[..at];
        id = key[(at + 1)..];
        return true;
    }

    /// <summary>The caller-facing id of a key: the id part of a scoped key, or the key itself when it is not scoped.</summary>
    public static string Unscoped(string key) => TryUnscope(key, out _, out var id) ? id : key;

    /// <summary>True when <paramref name="key"/> is a valid id or a valid scoped key.</summary>
    public static bool IsValidKey([NotNullWhen(true)] string? key) => IsValid(key) || TryUnscope(key, out _, out _);
}
