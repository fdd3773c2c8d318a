namespace AiFunctions.ServiceBus.Configuration;

/// <summary>
/// A subscription rule. The dev broker evaluates correlation filters (the emulator's
/// <c>"FilterType": "Correlation"</c>) and the constant SQL filters <c>1=1</c> and <c>1=0</c>; other SQL
/// expressions are rejected when the configuration is loaded.
/// </summary>
public sealed class SubscriptionRule
{
    /// <summary>Initializes the rule.</summary>
    /// <param name="name">The rule name.</param>
    public SubscriptionRule(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The rule name.</summary>
    public string Name { get; }

    /// <summary>The correlation filter; null for a constant filter.</summary>
    public CorrelationRuleFilter? Correlation { get; set; }

    /// <summary>The value of a constant filter (<c>1=1</c> is true, <c>1=0</c> is false); used when <see cref="Correlation"/> is null.</summary>
    public bool ConstantResult { get; set; } = true;
}
