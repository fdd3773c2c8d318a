using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Host.Durable;

/// <summary>Adds the standalone host's Durable Task backend: sidecar, worker and client.</summary>
public static class DurableBackendServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedded gRPC sidecar over the configured orchestration service (<c>AiFunctions:Durable</c>), a Durable
    /// Task worker running the given orchestrators and activities, and a <see cref="DurableTaskClient"/>, all over a
    /// loopback gRPC channel. Fails at start-up with every invalid setting named.
    /// </summary>
    public static IServiceCollection AddDurableBackend(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(registerTasks);

        var section = configuration.GetSection(DurableBackendOptions.Section);
        services.AddOptions<DurableBackendOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableBackendOptions>, DurableBackendOptionsValidator>());

        // The wiring below (sidecar port, gRPC channel, worker concurrency) reads the options now: same check, now.
        var options = section.Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        if (new DurableBackendOptionsValidator().Validate(Options.DefaultName, options) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DurableBackendOptions), invalid.Failures);
        }

        var port = options.SidecarPort == 0 ? LoopbackPorts.Free() : options.SidecarPort;
        services.AddSingleton(options);
        services.AddSingleton(sp => new DurableSidecar(options, port, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());

        var channel = GrpcChannel.ForAddress(
            $"http://127.0.0.1:{port}",
            new GrpcChannelOptions { MaxReceiveMessageSize = null, HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(channel);
            worker.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
            });
        });
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        return services;
    }
}
