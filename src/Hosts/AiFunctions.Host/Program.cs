using AiFunctions.Host.Api;
using AiFunctions.Host.Durable;
using AiFunctions.Host.Endpoints;
using AiFunctions.Host.Messaging;
using AiFunctions.Host.Observability;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Hosting.DependencyInjection;
using AiFunctions.Hosting.Gateway;
using AiFunctions.Hosting.Security;
using AiFunctions.Workflows.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAiFunctionsOfflineDefaults();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);

var devServiceBus = EmbeddedDevServiceBus.AddIfEnabled(builder); // before the core: it reads the Service Bus connection
builder.Services.AddAiFunctionsCore(builder.Configuration);
builder.AddHostTelemetry();
builder.Services.AddDurableBackend(builder.Configuration, registry => registry.AddHrWorkflows());
builder.Services.AddAiFunctionsSecurity(builder.Configuration);
builder.Services.AddExceptionHandler<ApiExceptions>();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapAiFunctionsApi();
app.MapOpenAIGateway();
app.MapEventEndpoints();
var kernelState = app.Services.GetRequiredService<AiFunctions.Kernel.SharedState.KernelStateInfo>();
app.Logger.Log(kernelState.IsShared ? LogLevel.Information : LogLevel.Warning, "{KernelState}", kernelState.Describe());
if (devServiceBus is not null)
{
    app.Logger.LogInformation("Embedded dev Service Bus broker (development only): {ConnectionString}", devServiceBus);
}

app.Run();

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
