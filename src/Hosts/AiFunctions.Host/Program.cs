using AiFunctions.Host.Api;
using AiFunctions.Host.Durable;
using AiFunctions.Host.Endpoints;
using AiFunctions.Host.Messaging;
using AiFunctions.Host.Observability;
using AiFunctions.Host.OpenApi;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Hosting.DependencyInjection;
using AiFunctions.Hosting.Gateway;
using AiFunctions.Hosting.Security;
using AiFunctions.Workflows.DependencyInjection;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAiFunctionsOfflineDefaults();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);

var devServiceBus = EmbeddedDevServiceBus.AddIfEnabled(builder); // before the core: it reads the Service Bus connection
builder.Services.AddAiFunctionsCore(builder.Configuration);
builder.Services.AddHostedService<AiFunctions.Hosting.Lifecycle.RetentionPurgeService>(); // the Functions app has its timer trigger instead
builder.AddHostTelemetry();
builder.Services.AddDurableBackend(builder.Configuration, registry => registry.AddHrWorkflows());
builder.Services.AddAiFunctionsSecurity(builder.Configuration);
builder.Services.AddExceptionHandler<ApiExceptions>();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
builder.Services.AddAiFunctionsOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// The contract and its reference page answer any signed-in caller (the fallback policy), as every non-health route does.
app.MapOpenApi();
app.MapScalarApiReference("/reference", o => o.WithTitle("AiFunctions API"));
app.MapAiFunctionsApi();
app.MapOpenAIGateway();
app.MapEventEndpoints();
app.MapEventTrackingEndpoints();
app.MapListingEndpoints();
app.MapManagementEndpoints();
if (devServiceBus is not null)
{
    app.Logger.LogInformation("Embedded dev Service Bus broker (development only): {ConnectionString}", devServiceBus);
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    // The API's own address first and plainly (the Durable sidecar's loopback port is internal and no longer logged).
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        app.Logger.LogInformation("AiFunctions API listening on {Address} (OpenAPI at /openapi/v1.json, reference at /reference, health at /health)", address);
    }
});

app.Run();

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
