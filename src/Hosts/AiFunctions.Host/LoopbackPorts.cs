using System.Net;
using System.Net.Sockets;

namespace AiFunctions.Host;

/// <summary>Picks a free TCP port on 127.0.0.1 for the host's in-process services (Durable sidecar, dev broker).</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
