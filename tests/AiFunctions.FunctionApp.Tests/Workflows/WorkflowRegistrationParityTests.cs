using System.Collections;
using System.Reflection;
using AiFunctions.FunctionApp.Workflows;
using AiFunctions.Hosting.DependencyInjection;
using AiFunctions.Workflows.DependencyInjection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Workflows;

/// <summary>
/// The orchestrations and activities the Functions app registers are the standalone host's: same names as
/// <c>DurableTaskRegistry.AddHrWorkflows()</c>, and each trigger runs the very class the registry creates for that name
/// (read from the trigger method's IL, so a wrapper that ran another class would fail here).
/// </summary>
public sealed class WorkflowRegistrationParityTests
{
    [Fact]
    public void Orchestration_triggers_run_the_registry_orchestrators() =>
        AssertTriggersRunRegistryTasks<OrchestrationTriggerAttribute>("Orchestrators", typeof(OrchestratorFunctions));

    [Fact]
    public void Activity_triggers_run_the_registry_activities() =>
        AssertTriggersRunRegistryTasks<ActivityTriggerAttribute>("Activities", typeof(ActivityFunctions));

    [Fact]
    public void No_other_class_declares_workflow_triggers()
    {
        var declaring = typeof(OrchestratorFunctions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetParameters().Any(p =>
                p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null || p.GetCustomAttribute<ActivityTriggerAttribute>() is not null)))
            .ToHashSet();

        Assert.Equal(new HashSet<Type> { typeof(OrchestratorFunctions), typeof(ActivityFunctions) }, declaring);
    }

    private static void AssertTriggersRunRegistryTasks<TTrigger>(string registryKind, Type functionsClass)
        where TTrigger : Attribute
    {
        var registry = RegistryTypes(registryKind);
        var functions = TriggerFunctions<TTrigger>(functionsClass);

        Assert.Equal(registry.Keys.Order(StringComparer.Ordinal), functions.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, method) in functions)
        {
            Assert.True(ReferencedTypes(method).Contains(registry[name]), $"{name}: the trigger does not run {registry[name].Name}.");
        }
    }

    /// <summary>Name → class, by running each factory the registry holds against the app's real composition root.</summary>
    private static Dictionary<string, Type> RegistryTypes(string kind)
    {
        var registry = new DurableTaskRegistry().AddHrWorkflows();
        var property = typeof(DurableTaskRegistry).GetProperty(kind, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException($"DurableTaskRegistry has no '{kind}' property in this version.");
        using var services = Services();
        var result = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var entry in (IEnumerable)property.GetValue(registry)!)
        {
            var key = entry.GetType().GetProperty("Key")!.GetValue(entry)!;
            var factory = (Delegate)entry.GetType().GetProperty("Value")!.GetValue(entry)!;
            var name = key is TaskName taskName ? taskName.Name : key.ToString()!;
            result[name] = factory.DynamicInvoke(services)!.GetType();
        }

        return result;
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Storage:Store"] = "InMemory",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAiFunctionsCore(configuration);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, MethodInfo> TriggerFunctions<TTrigger>(Type declaringType)
        where TTrigger : Attribute =>
        declaringType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal);

    /// <summary>Types whose constructors or methods the method's IL calls, including generic arguments of calls.</summary>
    private static HashSet<Type> ReferencedTypes(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var types = new HashSet<Type>();
        for (var i = 0; i + 4 < il.Length; i++)
        {
            // call (0x28), callvirt (0x6F), newobj (0x73), each followed by a 4-byte method token.
            if (il[i] is not (0x28 or 0x6F or 0x73))
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            try
            {
                var called = method.Module.ResolveMethod(token);
                if (called?.DeclaringType is { } declaring)
                {
                    types.Add(declaring);
                }

                if (called is MethodInfo { IsGenericMethod: true } generic)
                {
                    types.UnionWith(generic.GetGenericArguments());
                }
            }
            catch (ArgumentException)
            {
                // Not a method token at this offset (a byte inside another instruction).
            }
        }

        return types;
    }
}
