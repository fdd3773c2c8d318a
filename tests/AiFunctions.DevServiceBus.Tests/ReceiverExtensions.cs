using Azure.Messaging.ServiceBus;

namespace AiFunctions.DevServiceBus.Tests;

internal static class ReceiverExtensions
{
    /// <summary>Receives until <paramref name="count"/> messages arrived or <paramref name="timeout"/> passed.</summary>
    public static async Task<List<ServiceBusReceivedMessage>> ReceiveAtLeastAsync(this ServiceBusReceiver receiver, int count, TimeSpan timeout)
    {
        var received = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow + timeout;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            var batch = await receiver.ReceiveMessagesAsync(count - received.Count, TimeSpan.FromMilliseconds(500));
            received.AddRange(batch);
        }

        return received;
    }

    /// <summary>
    /// Peeks until the queue holds nothing (settlements from processors land asynchronously) or the timeout passes.
    /// </summary>
    public static async Task<bool> BecomesEmptyAsync(this ServiceBusClient client, string queue, TimeSpan? timeout = null)
    {
        await using var receiver = client.CreateReceiver(queue);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (await receiver.PeekMessageAsync() is not null)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
