using System.Net;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace AiFunctions.Host.Durable;

/// <summary>
/// The embedded Durable Task gRPC sidecar: <see cref="TaskHubGrpcServer"/> on its own Kestrel instance (HTTP/2,
/// loopback only) over the configured orchestration service. It runs in a separate small web host so it works the
/// same whether the API runs on Kestrel or on a test server, and so the API's auth and middleware never see it.
/// Registered before the Durable Task worker, so it listens by the time the worker connects.
/// </summary>
internal sealed class DurableSidecar(DurableBackendOptions options, int port, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DurableSidecar>();
    private WebApplication? _app;

    public IOrchestrationService? OrchestrationService { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = OrchestrationServiceFactory.Create(options, loggerFactory);
        OrchestrationService = service;
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DurableSidecar).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(new SidecarLoggerFactory(loggerFactory));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton((IOrchestrationServiceClient)service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        _logger.LogInformation("Durable sidecar listening on 127.0.0.1:{Port} over the {Backend} backend (task hub {TaskHub}, worker {WorkerId}).",
            port, options.Backend, options.TaskHubName, options.WorkerId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }
}
