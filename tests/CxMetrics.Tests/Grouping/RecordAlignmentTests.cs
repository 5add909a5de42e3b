using CxMetrics.Internal;

namespace CxMetrics.Tests.Grouping;

/// <summary>
/// The group records start on a 64-byte boundary (<see cref="GroupStates.AlignedStart"/>), so a 192-byte record is
/// three cache lines, not four: the scatter with many groups touches a quarter fewer lines per row.
/// </summary>
public class RecordAlignmentTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public unsafe void AlignedStart_IsTheFirstElementOnA64ByteBoundary(int length)
    {
        for (var k = 0; k < 20; k++)
        {
            var array = new uint[length + 15];
            fixed (uint* first = array)
            {
                var start = GroupStates.AlignedStart(array);
                Assert.InRange(start, 0, 15);
                Assert.Equal(0, (nint)(first + start) & 63);
                if (start > 0)
                {
                    Assert.NotEqual(0, (nint)(first + start - 1) & 63);
                }
            }

            GC.KeepAlive(new byte[k * 8]); // other allocations between, so the arrays start at various offsets
        }
    }

    /// <summary>Large records (on the large-object heap, which the GC does not compact unless asked to) stay aligned.</summary>
    [Fact]
    public unsafe void GroupStates_Records_StartOnA64ByteBoundaryAfterEveryGrowth()
    {
        using var states = new GroupStates(new MetricOptions());
        for (var groups = 2_000; groups < 200_000; groups = (groups * 3) + 1)
        {
            states.Reserve(groups);
            fixed (uint* records = states.Records)
            {
                Assert.Equal(0, (nint)records & 63);
            }
        }
    }
}
