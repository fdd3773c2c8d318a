namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>Status codes and error conditions of request/response replies, as the client interprets them.</summary>
internal static class ResponseStatus
{
    public const int Ok = 200;
    public const int NoContent = 204;
    public const int BadRequest = 400;
    public const int NotFound = 404;
    public const int Gone = 410;
    public const int NotImplemented = 501;

    public const string MessageLockLost = "com.microsoft:message-lock-lost";
    public const string MessageNotFound = "com.microsoft:message-not-found";
    public const string NotImplementedCondition = "amqp:not-implemented";
    public const string BadRequestCondition = "amqp:invalid-field";
}
