using System.Collections;

namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// A collection OpenTelemetry's in-memory exporters can add to from their export threads while a test reads it: every
/// operation takes the collection's own lock, and enumeration walks a snapshot, so a span exported during an assertion
/// cannot break it with "Collection was modified". <c>lock (items)</c> in a test takes the same lock.
/// </summary>
public sealed class ExportedItems<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (this)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (this)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (this)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (this)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (this)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (this)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        T[] snapshot;
        lock (this)
        {
            snapshot = [.. _items];
        }

        return ((IEnumerable<T>)snapshot).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
