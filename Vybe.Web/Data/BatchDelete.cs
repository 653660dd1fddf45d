using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Vybe.Web.Data;

public static class BatchDelete
{
    /// <summary>
    /// Deletes the rows that match <paramref name="expired"/>, <paramref name="batchSize"/> at a time in
    /// <paramref name="order"/> (oldest first), each batch one short statement so that no delete holds
    /// long locks; stops when a batch comes back short or the token is cancelled. Returns how many went.
    /// </summary>
    /// <param name="rows">The table (a <c>DbSet</c>).</param>
    /// <param name="key">The primary key, by which each batch is picked: <c>DELETE … WHERE key IN (SELECT key … LIMIT n)</c>.</param>
    public static async Task<int> DeleteInBatchesAsync<TRow, TOrder, TKey>(this IQueryable<TRow> rows, Expression<Func<TRow, bool>> expired,
        Expression<Func<TRow, TOrder>> order, Expression<Func<TRow, TKey>> key, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = rows.Where(expired).OrderBy(order).Select(key).Take(batchSize);
        // row => batch.Contains(row.key), built once.
        var row = Expression.Parameter(typeof(TRow), "row");
        var inBatch = Expression.Lambda<Func<TRow, bool>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(TKey)], batch.Expression, ReplaceParameter.In(key, row)),
            row);
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var deleted = await rows.Where(inBatch).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                break;
            }
        }
        return total;
    }
}

/// <summary>The body of a one-parameter lambda with its parameter replaced, to build a larger expression around it.</summary>
internal sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
{
    public static Expression In(LambdaExpression lambda, Expression replacement) =>
        new ReplaceParameter(lambda.Parameters[0], replacement).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
