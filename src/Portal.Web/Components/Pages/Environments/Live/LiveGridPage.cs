using Radzen;

namespace Portal.Web.Components.Pages.Environments.Live;

/// <summary>
/// The page a live grid shows, cut from rows that change several times a second. Radzen resets an in-memory grid to its
/// first page whenever its Data changes; fed through LoadData (one page at a time) it keeps the page the user chose, and
/// new rows only replace the slice. <see cref="Items"/> stays null until the grid's first LoadData (or it never fires).
/// </summary>
public sealed class LiveGridPage<T>(int pageSize)
{
    private IReadOnlyList<T> _rows = [];
    private int _skip;

    public int PageSize { get; } = pageSize;

    public IReadOnlyList<T>? Items { get; private set; }

    public int Count => _rows.Count;

    /// <summary>The grid asked for a page (first render, pager click).</summary>
    public void Load(LoadDataArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _skip = args.Skip ?? 0;
        Slice();
    }

    /// <summary>New rows arrived: re-cut the current page (nothing to do before the grid's first load or for the same rows).</summary>
    public void Update(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (ReferenceEquals(rows, _rows))
        {
            return;
        }

        _rows = rows;
        if (Items is not null)
        {
            Slice();
        }
    }

    private void Slice() => Items = [.. _rows.Skip(_skip).Take(PageSize)];
}
