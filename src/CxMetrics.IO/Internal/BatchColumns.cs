using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CxMetrics.IO.Internal;

/// <summary>
/// The column buffers a reader fills and lends out as an <see cref="InteractionBatch"/> (valid until the next batch),
/// the shared key dictionaries, the strict/lenient decision and the lenient counts of lost cells.
/// </summary>
internal sealed partial class BatchColumns
{
    private const int MaxRawLength = 200;
    private readonly InteractionReaderOptions _options;
    private readonly bool[] _present = new bool[ColumnIds.Count];
    private readonly string?[] _names = new string?[ColumnIds.Count];
    private readonly long[] _invalid = new long[ColumnIds.Count];
    private readonly KeyDictionary?[] _keys = new KeyDictionary?[ColumnIds.Count];
    private readonly int _csatMin, _csatMax, _npsMin, _npsMax, _cesMin, _cesMax;
    private byte[] _csat = [], _nps = [], _ces = [], _fcr = [];
    private long[] _talk = [], _hold = [], _wrap = [], _firstResponse = [], _resolution = [], _slaTarget = [], _openedAt = [];
    private int[] _channel = [], _agent = [], _team = [], _priority = [], _customer = [];
    private byte[] _scratch = new byte[64];

    public BatchColumns(InteractionReaderOptions options)
    {
        _options = options;
        var m = options.Metrics ?? MetricOptions.Default;
        (_csatMin, _csatMax) = (m.Csat.ScaleMin, m.Csat.ScaleMax);
        (_npsMin, _npsMax) = (0, 10);
        (_cesMin, _cesMax) = (m.Ces.ScaleMin, m.Ces.ScaleMax);
        Capacity = Math.Max(1, options.BatchRows);
    }

    public int Capacity { get; private set; }

    public bool Lenient => _options.Lenient;

    public MetricOptions Metrics => _options.Metrics ?? MetricOptions.Default;

    /// <summary>Whether a row of this column is stored (customer_id can be read for validation but not kept).</summary>
    public bool IsStored(int id) => _present[id];

    /// <summary>The file's name of a recognised column.</summary>
    public string Name(int id) => _names[id] ?? InteractionColumns.All[id];

    /// <summary>Declares that the file has column <paramref name="id"/> under <paramref name="name"/>.</summary>
    public void Declare(int id, string name)
    {
        _names[id] = name;
        _present[id] = id != (int)ColumnId.ContactId && (id != (int)ColumnId.Customer || _options.ReadCustomer);
        if (id is >= (int)ColumnId.Channel and <= (int)ColumnId.Customer)
        {
            _keys[id] ??= new KeyDictionary();
        }
    }

    public bool IsDeclared(int id) => _names[id] is not null;

    public void EnsureCapacity(int rows)
    {
        if (rows > Capacity || _csat.Length == 0)
        {
            Capacity = Math.Max(Capacity, rows);
            Allocate();
        }
    }

    private void Allocate()
    {
        var n = Capacity;
        _csat = _present[(int)ColumnId.Csat] ? new byte[n] : [];
        _nps = _present[(int)ColumnId.Nps] ? new byte[n] : [];
        _ces = _present[(int)ColumnId.Ces] ? new byte[n] : [];
        _fcr = _present[(int)ColumnId.Fcr] ? new byte[n] : [];
        _talk = _present[(int)ColumnId.Talk] ? new long[n] : [];
        _hold = _present[(int)ColumnId.Hold] ? new long[n] : [];
        _wrap = _present[(int)ColumnId.Wrap] ? new long[n] : [];
        _firstResponse = _present[(int)ColumnId.FirstResponse] ? new long[n] : [];
        _resolution = _present[(int)ColumnId.Resolution] ? new long[n] : [];
        _slaTarget = _present[(int)ColumnId.SlaTarget] ? new long[n] : [];
        _openedAt = _present[(int)ColumnId.OpenedAt] ? new long[n] : [];
        _channel = _present[(int)ColumnId.Channel] ? new int[n] : [];
        _agent = _present[(int)ColumnId.Agent] ? new int[n] : [];
        _team = _present[(int)ColumnId.Team] ? new int[n] : [];
        _priority = _present[(int)ColumnId.Priority] ? new int[n] : [];
        _customer = _present[(int)ColumnId.Customer] ? new int[n] : [];
    }

    /// <summary>Lends the first <paramref name="rows"/> rows as a batch (absent columns stay absent).</summary>
    public InteractionBatch Build(int rows) => new(rows)
    {
        Csat = Mem(_csat, rows),
        Nps = Mem(_nps, rows),
        Ces = Mem(_ces, rows),
        FirstContactResolved = Mem(_fcr, rows),
        TalkTime = Mem(_talk, rows),
        HoldTime = Mem(_hold, rows),
        WrapTime = Mem(_wrap, rows),
        FirstResponseTime = Mem(_firstResponse, rows),
        ResolutionTime = Mem(_resolution, rows),
        SlaTarget = Mem(_slaTarget, rows),
        OpenedAt = Mem(_openedAt, rows),
        Channel = Key(_channel, ColumnId.Channel, rows),
        Agent = Key(_agent, ColumnId.Agent, rows),
        Team = Key(_team, ColumnId.Team, rows),
        Priority = Key(_priority, ColumnId.Priority, rows),
        Customer = Key(_customer, ColumnId.Customer, rows),
    };

    private static ReadOnlyMemory<T> Mem<T>(T[] column, int rows) => column.Length == 0 ? default : new ReadOnlyMemory<T>(column, 0, rows);

    private KeyColumn Key(int[] codes, ColumnId id, int rows) =>
        codes.Length == 0 ? default : new KeyColumn(new ReadOnlyMemory<int>(codes, 0, rows), _keys[(int)id]!.Keys);

    /// <summary>The lenient counts of lost cells by the file's column name (only columns above zero).</summary>
    public IReadOnlyDictionary<string, long> InvalidCells()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < ColumnIds.Count; i++)
        {
            if (_invalid[i] > 0)
            {
                result[Name(i)] = _invalid[i];
            }
        }

        return result;
    }

    /// <summary>Sets row <paramref name="row"/> of a column to missing.</summary>
    public void SetMissing(int id, int row)
    {
        switch ((ColumnId)id)
        {
            case ColumnId.Csat: if (_csat.Length != 0) { _csat[row] = Missing.Score; } break;
            case ColumnId.Nps: if (_nps.Length != 0) { _nps[row] = Missing.Score; } break;
            case ColumnId.Ces: if (_ces.Length != 0) { _ces[row] = Missing.Score; } break;
            case ColumnId.Fcr: if (_fcr.Length != 0) { _fcr[row] = Missing.Flag; } break;
            case ColumnId.Talk: if (_talk.Length != 0) { _talk[row] = Missing.Duration; } break;
            case ColumnId.Hold: if (_hold.Length != 0) { _hold[row] = Missing.Duration; } break;
            case ColumnId.Wrap: if (_wrap.Length != 0) { _wrap[row] = Missing.Duration; } break;
            case ColumnId.FirstResponse: if (_firstResponse.Length != 0) { _firstResponse[row] = Missing.Duration; } break;
            case ColumnId.Resolution: if (_resolution.Length != 0) { _resolution[row] = Missing.Duration; } break;
            case ColumnId.SlaTarget: if (_slaTarget.Length != 0) { _slaTarget[row] = Missing.Duration; } break;
            case ColumnId.OpenedAt: if (_openedAt.Length != 0) { _openedAt[row] = Missing.Instant; } break;
            case ColumnId.Channel: if (_channel.Length != 0) { _channel[row] = Missing.Key; } break;
            case ColumnId.Agent: if (_agent.Length != 0) { _agent[row] = Missing.Key; } break;
            case ColumnId.Team: if (_team.Length != 0) { _team[row] = Missing.Key; } break;
            case ColumnId.Priority: if (_priority.Length != 0) { _priority[row] = Missing.Key; } break;
            case ColumnId.Customer: if (_customer.Length != 0) { _customer[row] = Missing.Key; } break;
            default: break;
        }
    }

    /// <summary>
    /// Column-wise sources (Arrow, Parquet) set this in strict mode: errors are collected and the one of the earliest
    /// row (then leftmost column) is thrown by <see cref="ThrowDeferred"/>, so strict mode reports the same first bad
    /// cell as reading the data row by row.
    /// </summary>
    public bool DeferErrors { get; set; }

    private InteractionDataException? _deferred;
    private int _deferredColumnOrder;

    /// <summary>Throws the earliest collected error, if any.</summary>
    public void ThrowDeferred()
    {
        if (_deferred is { } e)
        {
            _deferred = null;
            throw e;
        }
    }

    /// <summary>A cell that cannot be read: throws in strict mode; in lenient mode counts it and stores missing.</summary>
    public void Invalid(int id, int row, long fileRow, ReadOnlySpan<byte> raw, string reason)
    {
        if (!_options.Lenient)
        {
            Fail(new InteractionDataException(fileRow, Name(id), Text(raw), reason), id, row);
            return;
        }

        Lost(id, row);
    }

    /// <summary>The same for a value that is already text (Arrow and Parquet cells).</summary>
    public void Invalid(int id, int row, long fileRow, string raw, string reason)
    {
        if (!_options.Lenient)
        {
            Fail(new InteractionDataException(fileRow, Name(id), Cut(raw), reason), id, row);
            return;
        }

        Lost(id, row);
    }

    /// <summary>The position of a column in the file (for ordering deferred errors); set by column-wise sources.</summary>
    public int[] FileOrder { get; } = new int[ColumnIds.Count];

    private void Fail(InteractionDataException e, int id, int row)
    {
        if (!DeferErrors)
        {
            throw e;
        }

        SetMissing(id, row);
        if (_deferred is null || e.Row < _deferred.Row || (e.Row == _deferred.Row && FileOrder[id] < _deferredColumnOrder))
        {
            _deferred = e;
            _deferredColumnOrder = FileOrder[id];
        }
    }

    /// <summary>Counts a lost cell (lenient mode) and stores missing.</summary>
    public void Lost(int id, int row)
    {
        if (id != (int)ColumnId.ContactId)
        {
            _invalid[id]++;
        }

        SetMissing(id, row);
    }

    public static string Text(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw.Length > MaxRawLength * 4 ? raw[..(MaxRawLength * 4)] : raw);
        return Cut(text);
    }

    private static string Cut(string text) => text.Length > MaxRawLength ? text[..MaxRawLength] + "..." : text;

    /// <summary>Parses and stores one non-empty text cell (CSV, or a string column of Arrow/Parquet).</summary>
    public void SetText(int id, int row, long fileRow, ReadOnlySpan<byte> s)
    {
        string? reason;
        switch ((ColumnId)id)
        {
            case ColumnId.Csat:
                reason = ValueParser.Score(s, _csatMin, _csatMax, out var csat);
                if (reason is null) { _csat[row] = csat; return; }
                break;
            case ColumnId.Nps:
                reason = ValueParser.Score(s, _npsMin, _npsMax, out var nps);
                if (reason is null) { _nps[row] = nps; return; }
                break;
            case ColumnId.Ces:
                reason = ValueParser.Score(s, _cesMin, _cesMax, out var ces);
                if (reason is null) { _ces[row] = ces; return; }
                break;
            case ColumnId.Fcr:
                reason = ValueParser.Boolean(s, out var flag);
                if (reason is null) { _fcr[row] = flag; return; }
                break;
            case ColumnId.Talk: reason = Duration(_talk, row, s); break;
            case ColumnId.Hold: reason = Duration(_hold, row, s); break;
            case ColumnId.Wrap: reason = Duration(_wrap, row, s); break;
            case ColumnId.FirstResponse: reason = Duration(_firstResponse, row, s); break;
            case ColumnId.Resolution: reason = Duration(_resolution, row, s); break;
            case ColumnId.SlaTarget: reason = Duration(_slaTarget, row, s); break;
            case ColumnId.OpenedAt:
                reason = ValueParser.Instant(s, out var at);
                if (reason is null) { _openedAt[row] = at; return; }
                break;
            case ColumnId.Channel: _channel[row] = _keys[id]!.Code(s); return;
            case ColumnId.Agent: _agent[row] = _keys[id]!.Code(s); return;
            case ColumnId.Team: _team[row] = _keys[id]!.Code(s); return;
            case ColumnId.Priority: _priority[row] = _keys[id]!.Code(s); return;
            case ColumnId.Customer:
                if (_customer.Length != 0) { _customer[row] = _keys[id]!.Code(s); }
                return;
            default: return;
        }

        if (reason is not null)
        {
            Invalid(id, row, fileRow, s, reason);
        }
    }

    private static string? Duration(long[] column, int row, ReadOnlySpan<byte> s)
    {
        var reason = ValueParser.Duration(s, out var ticks);
        if (reason is null)
        {
            column[row] = ticks;
        }

        return reason;
    }

    /// <summary>Stores an integer cell of a typed (Arrow/Parquet) column: a score, a 0/1 flag, seconds, or a key written as text.</summary>
    public void SetInteger(int id, int row, long fileRow, long value)
    {
        switch ((ColumnId)id)
        {
            case ColumnId.Csat: SetScore(_csat, id, row, fileRow, value, _csatMin, _csatMax); return;
            case ColumnId.Nps: SetScore(_nps, id, row, fileRow, value, _npsMin, _npsMax); return;
            case ColumnId.Ces: SetScore(_ces, id, row, fileRow, value, _cesMin, _cesMax); return;
            case ColumnId.Fcr:
                if (value is 0 or 1) { _fcr[row] = (byte)value; }
                else { Invalid(id, row, fileRow, value.ToString(CultureInfo.InvariantCulture), ValueParser.NotABoolean); }
                return;
            case ColumnId.OpenedAt:
                Invalid(id, row, fileRow, value.ToString(CultureInfo.InvariantCulture), "is a number, not an instant (use a timestamp or text column)");
                return;
            case ColumnId.ContactId:
                return;
            default:
                break;
        }

        if (id is >= (int)ColumnId.Channel and <= (int)ColumnId.Customer)
        {
            Span<byte> text = stackalloc byte[24];
            Utf8Formatter.TryFormat(value, text, out var written);
            SetText(id, row, fileRow, text[..written]);
            return;
        }

        // Durations: whole seconds.
        if (value < 0)
        {
            Invalid(id, row, fileRow, value.ToString(CultureInfo.InvariantCulture), ValueParser.NegativeDuration);
        }
        else if (value > Durations.MaxTicks / Durations.TicksPerSecond)
        {
            Invalid(id, row, fileRow, value.ToString(CultureInfo.InvariantCulture), ValueParser.DurationTooLarge);
        }
        else
        {
            DurationColumn(id)[row] = value * Durations.TicksPerSecond;
        }
    }

    /// <summary>
    /// The largest duration as a double of seconds: the double nearest to <see cref="Durations.MaxTicks"/> ticks, which
    /// <see cref="Durations.FromSeconds"/> reads as the largest duration (a float64 column written from it round-trips).
    /// </summary>
    private static readonly double LargestSeconds = Durations.ToSeconds(Durations.MaxTicks);

    /// <summary>Stores a floating-point cell of a typed column: an integral score, or seconds rounded to the tick.</summary>
    public void SetDouble(int id, int row, long fileRow, double value)
    {
        var raw = (ColumnId)id;
        if (double.IsNaN(value))
        {
            // A NaN in a float column is how many tools write "no value".
            SetMissing(id, row);
            return;
        }

        switch (raw)
        {
            case ColumnId.Csat or ColumnId.Nps or ColumnId.Ces or ColumnId.Fcr:
                if (value != Math.Floor(value) || double.IsInfinity(value))
                {
                    Invalid(id, row, fileRow, value.ToString("R", CultureInfo.InvariantCulture), raw == ColumnId.Fcr ? ValueParser.NotABoolean : ValueParser.NotAWholeNumber);
                    return;
                }

                SetInteger(id, row, fileRow, (long)Math.Clamp(value, -1e6, 1e6));
                return;
            case ColumnId.Talk or ColumnId.Hold or ColumnId.Wrap or ColumnId.FirstResponse or ColumnId.Resolution or ColumnId.SlaTarget:
                if (value < 0)
                {
                    Invalid(id, row, fileRow, value.ToString("R", CultureInfo.InvariantCulture), ValueParser.NegativeDuration);
                }
                else if (!(value <= LargestSeconds))
                {
                    Invalid(id, row, fileRow, value.ToString("R", CultureInfo.InvariantCulture), ValueParser.DurationTooLarge);
                }
                else
                {
                    DurationColumn(id)[row] = Durations.FromSeconds(value);
                }

                return;
            case ColumnId.ContactId:
                return;
            default:
                Invalid(id, row, fileRow, value.ToString("R", CultureInfo.InvariantCulture), "is a number, which this column cannot hold");
                return;
        }
    }

    /// <summary>Stores a present duration in ticks (0..<see cref="Durations.MaxTicks"/>) of a typed duration column.</summary>
    public void SetDuration(int id, int row, long fileRow, long ticks)
    {
        if (id is >= (int)ColumnId.Talk and <= (int)ColumnId.SlaTarget)
        {
            DurationColumn(id)[row] = ticks;
        }
        else if (id != (int)ColumnId.ContactId)
        {
            Invalid(id, row, fileRow, TimeSpan.FromTicks(ticks).ToString("c", CultureInfo.InvariantCulture), "is a duration, which this column cannot hold");
        }
    }

    /// <summary>Stores a boolean cell of a typed column (only the fcr column takes booleans).</summary>
    public void SetBoolean(int id, int row, long fileRow, bool value)
    {
        if (id == (int)ColumnId.Fcr)
        {
            _fcr[row] = value ? (byte)1 : (byte)0;
        }
        else if (id != (int)ColumnId.ContactId)
        {
            Invalid(id, row, fileRow, value ? "true" : "false", "is a boolean, which this column cannot hold");
        }
    }

    /// <summary>Stores an instant (UTC ticks) of a typed timestamp column.</summary>
    public void SetInstant(int id, int row, long fileRow, long utcTicks)
    {
        if (id == (int)ColumnId.OpenedAt)
        {
            if (utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks)
            {
                Invalid(id, row, fileRow, utcTicks.ToString(CultureInfo.InvariantCulture), "is outside the range of dates (0001-01-01 to 9999-12-31 UTC)");
            }
            else
            {
                _openedAt[row] = utcTicks;
            }
        }
        else if (id != (int)ColumnId.ContactId)
        {
            Invalid(id, row, fileRow, new DateTime(Math.Clamp(utcTicks, 0, DateTime.MaxValue.Ticks), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture), "is a timestamp, which this column cannot hold");
        }
    }

    /// <summary>Stores a string cell of a typed column (empty = missing).</summary>
    public void SetString(int id, int row, long fileRow, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            SetMissing(id, row);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_scratch.Length < max)
        {
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        }

        var n = Encoding.UTF8.GetBytes(value, _scratch);
        SetText(id, row, fileRow, _scratch.AsSpan(0, n));
    }

    private void SetScore(byte[] column, int id, int row, long fileRow, long value, int min, int max)
    {
        if (value < min || value > max)
        {
            Invalid(id, row, fileRow, value.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"is outside {min}..{max}"));
        }
        else
        {
            column[row] = (byte)value;
        }
    }

    private long[] DurationColumn(int id) => (ColumnId)id switch
    {
        ColumnId.Talk => _talk,
        ColumnId.Hold => _hold,
        ColumnId.Wrap => _wrap,
        ColumnId.FirstResponse => _firstResponse,
        ColumnId.Resolution => _resolution,
        _ => _slaTarget,
    };
}
