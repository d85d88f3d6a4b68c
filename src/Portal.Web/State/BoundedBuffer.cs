namespace Portal.Web.State;

/// <summary>
/// Keeps the newest <see cref="Capacity"/> items of a live stream (a job's log), dropping the oldest, so a
/// circuit's memory stays flat however long the job runs. The full log stays in the database.
/// </summary>
public sealed class BoundedBuffer<T>(int capacity)
{
    private readonly LinkedList<T> _items = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _items.Count;

    /// <summary>How many items were dropped to stay within <see cref="Capacity"/>.</summary>
    public long Dropped { get; private set; }

    public void Add(T item)
    {
        _items.AddLast(item);
        if (_items.Count > Capacity)
        {
            _items.RemoveFirst();
            Dropped++;
        }
    }

    public void Clear()
    {
        _items.Clear();
        Dropped = 0;
    }

    public IEnumerable<T> Items => _items;
}
