using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Vybe.Web.Data;

/// <summary>A page of rows, newest first, and whether rows older than its last one exist.</summary>
public sealed record KeysetPage<TRow>(IReadOnlyList<TRow> Rows, bool HasOlder);

/// <summary>
/// How a list read newest first is ordered and paged: by (time desc, id desc), the id breaking ties
/// between rows of the same instant. A page starts strictly after the (time, id) of the previous
/// page's last row (keyset pagination): a position, not an offset, so rows inserted meanwhile never
/// shift later pages, and no page is counted. One instance per entity (the history's readings, the
/// error log's rows).
/// </summary>
public sealed class Keyset<TRow, TId>(Expression<Func<TRow, DateTimeOffset>> time, Expression<Func<TRow, TId>> id)
    where TId : struct, IComparable<TId>
{
    /// <summary>The rows in page order: newest first, ties broken by the larger id.</summary>
    public IOrderedQueryable<TRow> NewestFirst(IQueryable<TRow> rows) => rows.OrderByDescending(time).ThenByDescending(id);

    /// <summary>
    /// One page of at most <paramref name="pageSize"/> rows, newest first, starting strictly after
    /// the position <paramref name="after"/> (or at the newest row).
    /// </summary>
    public async Task<KeysetPage<TRow>> PageAsync(IQueryable<TRow> rows, (DateTimeOffset Time, TId Id)? after, int pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (after is { } position)
        {
            rows = rows.Where(OlderThan(position.Time, position.Id));
        }
        // One row more than the page tells whether an older page exists without counting.
        var found = await NewestFirst(rows).Take(pageSize + 1).ToListAsync(cancellationToken);
        return found.Count > pageSize ? new KeysetPage<TRow>(found[..pageSize], HasOlder: true) : new KeysetPage<TRow>(found, HasOlder: false);
    }

    /// <summary><c>row.time &lt; t || (row.time == t &amp;&amp; row.id &lt; i)</c>, with t and i sent as query parameters.</summary>
    private Expression<Func<TRow, bool>> OlderThan(DateTimeOffset afterTime, TId afterId)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var rowTime = ReplaceParameter.In(time, row);
        var rowId = ReplaceParameter.In(id, row);
        // Read from a captured object, as a closure would be, so that EF Core sends parameters rather than constants.
        var position = Expression.Constant(new Position(afterTime, afterId));
        var positionTime = Expression.Property(position, nameof(Position.Time));
        var positionId = Expression.Property(position, nameof(Position.Id));
        // Guid has no < operator: EF Core translates id.CompareTo(other) < 0 as id < other.
        var idIsSmaller = typeof(TId).IsPrimitive
            ? Expression.LessThan(rowId, positionId)
            : Expression.LessThan(Expression.Call(rowId, typeof(TId).GetMethod(nameof(IComparable<TId>.CompareTo), [typeof(TId)])!, positionId),
                Expression.Constant(0));
        var older = Expression.OrElse(
            Expression.LessThan(rowTime, positionTime),
            Expression.AndAlso(Expression.Equal(rowTime, positionTime), idIsSmaller));
        return Expression.Lambda<Func<TRow, bool>>(older, row);
    }

    private sealed record Position(DateTimeOffset Time, TId Id);
}

/// <summary>
/// How a page's position travels in a link: "ticks_id" as base64url, an opaque token to people.
/// It is a position, not a secret. Each list's cursor says how its id is written.
/// </summary>
public static class KeysetToken
{
    public static string Encode(long utcTicks, string id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{utcTicks}_{id}")));

    /// <summary>
    /// Reads a token back into its ticks (a real instant) and the id as written, or false for
    /// anything that is not a token of at most <paramref name="maxLength"/> characters.
    /// </summary>
    public static bool TryDecode(string? token, int maxLength, out long utcTicks, out string id)
    {
        utcTicks = 0;
        id = "";
        if (string.IsNullOrEmpty(token) || token.Length > maxLength || !Base64Url.IsValid(token))
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('_');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out utcTicks)
            || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            utcTicks = 0;
            return false;
        }
        id = parts[1];
        return true;
    }
}
