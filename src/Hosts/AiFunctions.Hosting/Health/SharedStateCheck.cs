using AiFunctions.Kernel.SharedState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AiFunctions.Hosting.Health;

/// <summary>
/// At start-up, says where the kernel keeps the state every instance must share (<see cref="KernelStateInfo"/>): a
/// warning when it is in process (no <c>AiFunctions:SharedState:Redis</c>: each instance grants every budget and limit
/// again, a restart forgets spending). When the setting is there, the host does not start until that Redis answers a
/// PING: after the client's connect timeout (at least 5 s) start-up fails with an error naming the setting, instead of
/// serving calls whose budgets and limits would fail on every request.
/// </summary>
public sealed partial class SharedStateCheck(IServiceProvider services, KernelStateInfo state, ILogger<SharedStateCheck> logger) : IHostedService
{
    private const string Setting = SharedStateOptions.Section + ":Redis";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!state.IsShared)
        {
            LogInProcess(state.Describe());
            return;
        }

        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        var endpoints = string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()));
        var wait = TimeSpan.FromMilliseconds(Math.Max(5000, ConfigurationOptions.Parse(redis.Configuration).ConnectTimeout));
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The message names the endpoints, never the password.
            throw new InvalidOperationException(
                $"'{Setting}' points at Redis {endpoints}, which did not answer within {wait.TotalSeconds:0} s ({ex.GetType().Name}: {ex.Message}). " +
                "Start redis-server there (or check the Azure Cache for Redis name, port 6380 with ssl=true, and its access key), " +
                $"or remove '{Setting}' to keep kernel state in process (per instance, lost on restart).", ex);
        }

        LogShared(state.Describe(), endpoints);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{State}")]
    private partial void LogInProcess(string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "{State} Redis {Endpoints} answers.")]
    private partial void LogShared(string state, string endpoints);
}
