using AiFunctions.FunctionApp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker: the same composition root as the standalone host (AddAiFunctionsCore), plus a
// Durable Task client for the processor-hosted event handlers (FunctionAppServiceCollectionExtensions.AddFunctionApp).
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddFunctionApp(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
await builder.Build().RunAsync().ConfigureAwait(false);
