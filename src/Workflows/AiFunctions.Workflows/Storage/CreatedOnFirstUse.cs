namespace AiFunctions.Workflows.Storage;

/// <summary>A storage client whose table/container is created on first use (retried on the next use if creation failed).</summary>
internal sealed class CreatedOnFirstUse<TClient>(TClient client, Func<TClient, CancellationToken, Task> create)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public async ValueTask<TClient> GetAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return client;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await create(client, cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        return client;
    }
}
