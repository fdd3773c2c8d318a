using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Redaction;

/// <summary><see cref="ChatClientBuilder"/> extension for <see cref="RedactingChatClient"/>.</summary>
public static class RedactingChatClientBuilderExtensions
{
    /// <summary>Redacts personal data from every outbound message and restores it in the answer (see <see cref="RedactingChatClient"/>).</summary>
    public static ChatClientBuilder UseRedaction(this ChatClientBuilder builder, IPiiRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(redactor);
        return builder.Use(inner => new RedactingChatClient(inner, redactor));
    }
}
