using System.Data.Common;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Learning.Notifications.Services;

/// <summary>
/// Notification rows written by multi-row INSERT statements on the context's connection and transaction, for
/// <see cref="INotifier.NotifyManyAsync"/>. The table, the columns and each value's conversion and parameter come from the EF
/// model (the provider's own type mappings), so the rows are stored exactly as <c>SaveChanges</c> would store them, on
/// SQLite and PostgreSQL alike; what is skipped is the change tracker and one command per row. 1,000 rows per statement keeps
/// the parameter count (8 per row) under both providers' limits.
/// </summary>
internal static class BulkInsert
{
    private const int RowsPerStatement = 1000;

    private static readonly string[] Columns =
    [
        nameof(Notification.UserId), nameof(Notification.Type), nameof(Notification.ModelJson), nameof(Notification.Link),
        nameof(Notification.GroupKey), nameof(Notification.CreatedUtc), nameof(Notification.Email), nameof(Notification.EmailDueUtc),
    ];

    public static async Task NotificationsAsync(DbContext db, DbTransaction transaction, IReadOnlyList<Notification> rows, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(Notification))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(name => entity.FindProperty(name)!).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        Func<Notification, object?>[] values =
        [
            n => n.UserId, n => n.Type, n => n.ModelJson, n => n.Link, n => n.GroupKey, n => n.CreatedUtc, n => n.Email, n => n.EmailDueUtc,
        ];
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();

        var connection = transaction.Connection!;
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new System.Text.StringBuilder(head, head.Length + (count * properties.Length * 8));
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                {
                    var name = $"p{(r * properties.Length) + c}";
                    var value = values[c](rows[start + r]);
                    var mapping = mappings[c];
                    var provider = mapping.Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value;
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), provider, properties[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
