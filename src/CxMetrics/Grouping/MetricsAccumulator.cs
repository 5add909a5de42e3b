using System.Buffers;
using CxMetrics.Internal;

namespace CxMetrics;

/// <summary>
/// A mergeable, serializable state of grouped metrics: <see cref="Add"/> batches (streaming a file chunk by chunk),
/// <see cref="Merge"/> other accumulators (threads, shards, machines), then <see cref="Result()"/>; the numbers equal the
/// one-shot <see cref="GroupedMetrics.Compute"/> over the same rows, in any order and split.
/// </summary>
/// <remarks>
/// <para>The state is exact counts and 128-bit sums per group, plus what p50/p90 need: every present duration (8 bytes)
/// by default, or a relative-error sketch per group with <see cref="GroupingOptions.ApproximatePercentiles"/>; in
/// repeat-contact FCR mode also 16 bytes per row with a known customer and opened_at. Each row is visited once per
/// column; its group id (key codes × period) is computed once per row, and key texts are looked up once per distinct
/// key per batch. See docs/grouping.md.</para>
/// <para>An instance is not thread-safe. If <see cref="Add"/> rejects a batch before it changed anything (bad key codes
/// and bad scores, except with huge key spaces; with counts and means only, a bad duration too), the accumulator is as
/// before the call and stays usable. If it throws after it started changing the state, the
/// accumulator is unusable afterwards (every call throws <see cref="InvalidOperationException"/>). Dispose returns
/// pooled buffers: group records and coordinates, percentile values (optional: without it they are collected as garbage).</para>
/// </remarks>
public sealed partial class MetricsAccumulator : IDisposable
{
    private readonly MetricOptions _metrics;
    private readonly GroupingOptions _grouping;
    private readonly GroupKey[] _keys;
    private readonly KeyTextDictionary[] _keyTexts;
    private readonly List<long> _periodKeys = [];
    private readonly Dictionary<long, int> _periodIndex = [];
    private readonly PooledList<GroupCoordinates> _groups = new();
    private readonly GroupIndex _groupIndex;
    private readonly GroupStates _states;
    private readonly ExactValueStore[]? _exact;
    private readonly QuantileSketchStore[]? _sketches;
    private readonly RepeatContactStore? _repeat;
    private readonly List<long> _batchPeriodKeys = [];
    private readonly List<int> _batchPeriodIndex = [];
    private readonly List<int> _touched = [];
    private long _latestOpenedAt = Missing.Instant;
    private bool _unusable;

    // The current batch's scores were checked before its groups were created (the one-pass and dense assignments).
    private bool _scoresChecked;
    private bool _appendWithoutIndex;

    /// <summary>The per-cell path's record layout (<see cref="TryAddByCells"/>), made at its first use.</summary>
    private ScorePairLayout? _pairLayout;
    private long _sharedRecordBytes = SharedRecordBytes;
    private int _chunkRows = ScatterChunkRows;

    // Set by the parallel fused assignment when the rows keep their dense cells for the scatter: cell → group (pooled).
    private int[]? _pendingCells;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="metrics">The metric definitions (the SLA policy and scales are applied as rows are added).</param>
    /// <param name="grouping">How to group.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public MetricsAccumulator(MetricOptions metrics, GroupingOptions grouping)
        : this(metrics, grouping, metrics?.IncludePercentiles ?? true)
    {
    }

    private MetricsAccumulator(MetricOptions metrics, GroupingOptions grouping, bool keepPercentiles)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(grouping);
        metrics.Validate();
        grouping.Validate();
        _metrics = metrics;
        _grouping = grouping;
        _keys = [.. grouping.Keys];
        _groupIndex = new GroupIndex(_groups, dense: _keys.Length <= 1);
        _states = new GroupStates(metrics);
        _keyTexts = new KeyTextDictionary[_keys.Length];
        for (var i = 0; i < _keyTexts.Length; i++)
        {
            _keyTexts[i] = new KeyTextDictionary();
        }

        if (keepPercentiles)
        {
            if (grouping.ApproximatePercentiles)
            {
                _sketches = [new(), new(), new()];
            }
            else
            {
                _exact = [new(), new(), new()];
            }
        }

        if (grouping.FcrWindow is not null)
        {
            _repeat = new RepeatContactStore();
        }
    }

    /// <summary>The metric definitions.</summary>
    public MetricOptions MetricOptions => _metrics;

    /// <summary>The grouping.</summary>
    public GroupingOptions GroupingOptions => _grouping;

    /// <summary>The number of groups seen so far.</summary>
    public int GroupCount => _groups.Count;

    private bool KeepsPercentiles => _exact is not null || _sketches is not null;

    /// <summary>
    /// Rows sampled for a guess of a batch's opened_at range (<see cref="InstantRange.Guess"/>): 1,024 reads spread over the
    /// batch took about 0.04 ms (probe timer, 1,000,000 rows), against up to 0.4 ms for the 8 MB pass over the rows'
    /// opened_at that they replace (docs/grouping-performance-log.md, "Eighteenth session").
    /// </summary>
    internal const int RangeSamples = 1024;

    /// <summary>Adds the contacts of a batch. Batches may carry different key dictionaries; keys match by text.</summary>
    /// <param name="batch">The contacts.</param>
    /// <exception cref="ArgumentException">A key code is outside its dictionary.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside its scale, a duration above <see cref="Durations.MaxTicks"/> or an opened_at above <see cref="DateTime.MaxValue"/>.</exception>
    /// <exception cref="InvalidOperationException">A previous <see cref="Add"/> failed half-way, or the accumulator was disposed.</exception>
    public void Add(InteractionBatch batch) => AddOnThreads(batch, 1);

    /// <summary>As <see cref="Add(InteractionBatch)"/>, scattering large batches on up to <paramref name="threads"/> threads (the state does not depend on it).</summary>
    /// <param name="batch">The contacts.</param>
    /// <param name="threads">At most this many threads.</param>
    /// <param name="minRowsPerThread">Each thread scatters at least this many rows (tests lower it); the threads take the rows in chunks of an eighth of it, at most <see cref="ScatterChunkRows"/>.</param>
    /// <param name="sharedRecordBytes">Above this many bytes of group records, threads split the groups instead of the rows (tests force either); −1 (<see cref="SharedRecordBytes"/>) chooses by the records' size and the rows.</param>
    /// <param name="rangeSamples">How many rows' opened_at the fused paths guess the batch's range from (<see cref="InstantRange.Guess"/>), when the batch has more than 8 rows a sample; below 2, never guessed (tests lower it so that guesses miss).</param>
    internal void AddOnThreads(InteractionBatch batch, int threads, int minRowsPerThread = MinRowsPerThread, long sharedRecordBytes = SharedRecordBytes, int rangeSamples = RangeSamples)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _sharedRecordBytes = sharedRecordBytes;
        _chunkRows = Math.Clamp(minRowsPerThread / 8, 1, ScatterChunkRows);
        ThrowIfUnusable();
        var n = batch.Length;
        if (n == 0)
        {
            return;
        }

        threads = Math.Clamp(threads, 1, Math.Max(n / Math.Max(minRowsPerThread, 1), 1));
        var openedAt = batch.OpenedAt.Span;
        long min = long.MaxValue, max = Missing.Instant;
        var guessed = false;
        if (!openedAt.IsEmpty && (_grouping.Period != PeriodUnit.None || _repeat is not null))
        {
            // The fused paths check every row against a guessed range as they compute its cell, so a batch that takes one
            // needs no pass over opened_at for its range first (InstantRange.Guess); the others need the exact range.
            guessed = _repeat is null && PeriodCalendar.IsUtc(_grouping.TimeZone) && rangeSamples > 1 && n > 8L * rangeSamples
                && PresentKey(KeyColumns(batch, stackalloc int[4], out _)) != SeveralKeys
                && InstantRange.Guess(openedAt, rangeSamples, out min, out max);
            if (!guessed)
            {
                ScanInstants(batch.OpenedAt, threads, out min, out max);
            }
        }

        var gid = ArrayPool<int>.Shared.Rent(n);
        _scoresChecked = false;
        var groupsBefore = _groups.Count;
        var writesBefore = _states.Writes;
        _unusable = true;
        try
        {
            while (!TryAdd(batch, openedAt, min, max, guessed, gid, n, threads))
            {
                // A row outside the guessed range (nothing changed): again, from the exact range.
                guessed = false;
                ScanInstants(batch.OpenedAt, threads, out min, out max);
            }

            if (_repeat is not null)
            {
                // Only repeat-contact FCR reads it (censoring), and its range is never guessed.
                _latestOpenedAt = Math.Max(_latestOpenedAt, max);
            }

            _unusable = false;
        }
        catch (Exception) when (_groups.Count == groupsBefore && _states.Writes == writesBefore)
        {
            // Rejected before the first change (bad key codes, scores or durations found before a group was created or a
            // count written): the accumulator is as before the call and stays usable.
            _unusable = false;
            throw;
        }
        finally
        {
            ReturnPendingCells();
            ArrayPool<int>.Shared.Return(gid);
        }
    }

    /// <summary>
    /// The batch's groups and states from the opened_at range <paramref name="min"/>..<paramref name="max"/>; false, having
    /// changed nothing, when that range is a guess (<paramref name="guessed"/>) that a row falls outside of, or that only a
    /// path that checks its rows against it can use.
    /// </summary>
    private bool TryAdd(InteractionBatch batch, ReadOnlySpan<long> openedAt, long min, long max, bool guessed, int[] gid, int n, int threads)
    {
        var cells = TryAddByCells(batch, min, max, gid, n, threads);
        if (cells == FusedOutcome.NotApplicable)
        {
            if (!AssignGroups(batch, openedAt, min, max, guessed, gid, n, threads))
            {
                return RangeWasGuessed(guessed);
            }

            AccumulateStates(batch, gid, n, threads);
            if (_repeat is not null)
            {
                AddRepeatRows(batch, gid.AsSpan(0, n));
            }
        }
        else if (cells == FusedOutcome.OutsideRange)
        {
            return RangeWasGuessed(guessed);
        }

        return true;
    }

    /// <summary>
    /// False when the range was a guess (start again from the exact one); an exact range that a row falls outside of is
    /// a defect, reported instead of looping.
    /// </summary>
    private static bool RangeWasGuessed(bool guessed) =>
        guessed ? false : throw new InvalidOperationException("A row's opened_at fell outside the batch's exact range; please report this as a CxMetrics defect.");

    /// <summary>Moves the compact 32-bit counters and 64-bit sums to the wide state, as when they could overflow (tests).</summary>
    internal void FlushCompactStateForTesting() => _states.FlushToWide();

    private void ThrowIfUnusable()
    {
        if (_unusable)
        {
            throw new InvalidOperationException("This MetricsAccumulator is unusable: it was disposed, or an earlier Add failed on invalid data after it had started changing the state.");
        }
    }

    /// <summary>Returns the pooled buffers (group records, percentile values); the accumulator is unusable afterwards.</summary>
    public void Dispose()
    {
        _unusable = true;
        _states.Dispose();
        _groups.Dispose();
        if (_exact is not null)
        {
            foreach (var store in _exact)
            {
                store.Dispose();
            }
        }
    }

    /// <summary>The smallest and largest known opened_at (<see cref="Missing.Instant"/> when none), on up to <paramref name="threads"/> threads.</summary>
    private static void ScanInstants(ReadOnlyMemory<long> openedAt, int threads, out long min, out long max)
    {
        long lo, hi;
        if (threads == 1)
        {
            (lo, hi) = InstantRange.Of(openedAt.Span);
        }
        else
        {
            var ranges = new (long Min, long Max)[threads];
            var size = (openedAt.Length + threads - 1) / threads;
            RunParallel(threads, t =>
            {
                var start = Math.Min(t * size, openedAt.Length);
                ranges[t] = InstantRange.Of(openedAt.Span.Slice(start, Math.Min(size, openedAt.Length - start)));
            });
            (lo, hi) = ranges[0];
            foreach (var (a, b) in ranges)
            {
                lo = Math.Min(lo, a);
                hi = Math.Max(hi, b);
            }
        }

        if (hi > DateTime.MaxValue.Ticks)
        {
            var span = openedAt.Span;
            for (var i = 0; i < span.Length; i++)
            {
                if (span[i] > DateTime.MaxValue.Ticks)
                {
                    throw new ArgumentOutOfRangeException("opened_at", span[i], $"opened_at[{i}] = {span[i]} ticks is above DateTime.MaxValue; an instant is UTC DateTime ticks or Missing.Instant.");
                }
            }
        }

        min = lo;
        max = hi;
    }

    private static KeyColumn Column(InteractionBatch batch, GroupKey key) => key switch
    {
        GroupKey.Channel => batch.Channel,
        GroupKey.Agent => batch.Agent,
        GroupKey.Team => batch.Team,
        _ => batch.Priority,
    };

    private static void ThrowBadCode(string column, int row, int code, int count) =>
        throw new ArgumentException($"{column} code {code} at row {row} is outside its dictionary of {count} keys (and is not Missing.Key).");
}
