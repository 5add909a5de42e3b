namespace CxMetrics.Internal;

/// <summary>Disposes a set of pooled column buffers together; a batch holds one as its owner.</summary>
internal sealed class DisposableGroup(IDisposable[] owners) : IDisposable
{
    public void Dispose()
    {
        foreach (var owner in owners)
        {
            owner.Dispose();
        }
    }
}
