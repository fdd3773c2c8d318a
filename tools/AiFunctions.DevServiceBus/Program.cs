using AiFunctions.DevServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Standalone dev broker: dotnet run --project tools/AiFunctions.DevServiceBus -- --config infra/servicebus/Config.json --port 5672
string? configPath = null;
var port = DevServiceBusOptions.DefaultPort;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config" when i + 1 < args.Length:
            configPath = args[++i];
            break;
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out var parsed) && parsed is >= 0 and <= 65535:
            port = parsed;
            i++;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: AiFunctions.DevServiceBus --config <emulator Config.json> [--port <port, 0 = any free>]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: --config <emulator Config.json> [--port <0-65535>]");
            return 2;
    }
}

if (configPath is null)
{
    Console.Error.WriteLine("--config is required: the path of an emulator-format Config.json (the repository's is infra/servicebus/Config.json).");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Services.AddDevServiceBus(options =>
{
    options.ConfigurationPath = configPath;
    options.Port = port;
});

using var host = builder.Build();
await host.StartAsync().ConfigureAwait(false);
Console.WriteLine(host.Services.GetRequiredService<DevServiceBusBroker>().ConnectionString);
await host.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
