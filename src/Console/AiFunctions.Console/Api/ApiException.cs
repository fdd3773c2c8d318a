using System.Net;

namespace AiFunctions.Console.Api;

/// <summary>
/// The API answered with an error (its problem-details body read into <see cref="Title"/> and <see cref="Detail"/>), or
/// could not be reached (<see cref="Status"/> null). Pages show <see cref="Message"/>; <see cref="IsTransient"/> says
/// whether trying again can help (unreachable, 408, 429, 5xx).
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode? status, string? problemType, string title, string? detail, Exception? inner = null)
        : base(detail is null ? title : $"{title}: {detail}", inner)
    {
        Status = status;
        ProblemType = problemType;
        Title = title;
        Detail = detail;
    }

    public ApiException()
        : this(null, null, "The API failed", null)
    {
    }

    public ApiException(string message)
        : this(null, null, message, null)
    {
    }

    public ApiException(string message, Exception innerException)
        : this(null, null, message, null, innerException)
    {
    }

    /// <summary>HTTP status, or null when the API was not reached.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The problem type's last segment (e.g. <c>already-reviewed</c>), when the API sent one.</summary>
    public string? ProblemType { get; }

    public string Title { get; }

    public string? Detail { get; }

    /// <summary>True when trying again may succeed.</summary>
    public bool IsTransient => Status is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)Status >= 500;

    /// <summary>True for 401/403: the signed-in principal may not do this (or its sign-in is gone).</summary>
    public bool IsDenied => Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
