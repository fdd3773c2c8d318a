using AiFunctions.Events.EventGrid;
using AiFunctions.Events.DependencyInjection;
using AiFunctions.Events.Orchestration;
using AiFunctions.FunctionApp.Durable;
using AiFunctions.Hosting.DependencyInjection;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker: the same composition root as the standalone host (AddAiFunctionsCore), plus
// what only this host needs: a Durable Task client for the processor-hosted event handlers, which run outside any
// function invocation (the HTTP and workflow triggers get theirs from [DurableClient] / the Durable extension).
var builder = FunctionsApplication.CreateBuilder(args);

var taskHub = TaskHubOptions.From(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
builder.Services.AddSingleton(taskHub);
builder.Services.AddSingleton<IOrchestrationStarter, TaskHubOrchestrationStarter>();

builder.Services.AddAiFunctionsCore(builder.Configuration);
if (!builder.Services.Any(d => d.ServiceType == typeof(EventIntake)))
{
    builder.Services.AddHrEvents(builder.Configuration);
}

await builder.Build().RunAsync().ConfigureAwait(false);
