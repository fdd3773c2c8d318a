using AiFunctions.Console;
using AiFunctions.Console.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOperatorConsole(builder.Configuration);

var app = builder.Build();
app.UseOperatorConsole();
app.MapOperatorConsole<App>();
app.Run();

/// <summary>The console's entry point (public for tests that host it).</summary>
public partial class Program;
