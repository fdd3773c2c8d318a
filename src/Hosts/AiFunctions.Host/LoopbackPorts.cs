using System.Net;
using System.Net.Sockets;

namespace AiFunctions.Host;

/// <summary>
/// Picks a free TCP port on 127.0.0.1 for the host's in-process services (Durable sidecar, dev broker). The port is
/// chosen at random below the Linux ephemeral range (32768-60999 by default) and checked by binding it once: a port
/// the OS hands out for "port 0" (to outgoing connections, or to another listener in the same process) can be taken
/// again between this check and the service's own bind, which made parallel hosts fail with "address already in use".
/// Falls back to an OS-assigned port when no port in the range is free.
/// </summary>
internal static class LoopbackPorts
{
    private const int RangeStart = 20_000;
    private const int RangeEnd = 32_000;

    public static int Free()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(RangeStart, RangeEnd);
            if (TryBind(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool TryBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
