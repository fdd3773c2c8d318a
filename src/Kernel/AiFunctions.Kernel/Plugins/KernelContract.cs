namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// The version of the contract between the kernel and its provider plugins (this assembly's public plugin API).
/// A plugin declares the range of contract versions it was built for; the kernel refuses at start-up a plugin
/// whose range excludes <see cref="Current"/>. Rules for changing it are in docs/plugins.md.
/// </summary>
public static class KernelContract
{
    /// <summary>Major: breaking change for plugins. Minor: additive (new optional members, new capabilities).</summary>
    public static Version Current { get; } = new(1, 0);
}
