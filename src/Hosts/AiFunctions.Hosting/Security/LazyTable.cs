using Azure.Data.Tables;

namespace AiFunctions.Hosting.Security;

/// <summary>A table created on first use (once per process, under a gate), for the Table stores of the API.</summary>
internal sealed class LazyTable(TableClient table)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>The table, created if it does not exist yet.</summary>
    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return table;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        return table;
    }
}
