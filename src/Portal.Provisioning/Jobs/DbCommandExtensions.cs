using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;

namespace Portal.Provisioning.Jobs;

/// <summary>Raw SQL on a context's connection, inside its current transaction: for the queue's hot statements.</summary>
internal static class DbCommandExtensions
{
    public static async Task<DbCommand> CreateCommandAsync(this PortalDbContext context, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
