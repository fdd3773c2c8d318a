using System.Transactions;
using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class UnsupportedFeatureTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_session_receiver_is_refused_with_a_message_that_says_sessions_are_not_supported()
    {
        await using var client = broker.CreateClient();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.AcceptSessionAsync("basic", "session-1"));

        Assert.Contains("sessions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transactional_send_is_refused_with_a_message_that_says_transactions_are_not_supported()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("basic");

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled);
            await sender.SendMessageAsync(new ServiceBusMessage("in a transaction"));
            scope.Complete();
        });

        Assert.Contains("transactions", error.ToString(), StringComparison.Ordinal);
    }
}
