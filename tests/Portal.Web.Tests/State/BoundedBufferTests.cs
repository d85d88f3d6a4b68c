using Portal.Web.State;

namespace Portal.Web.Tests.State;

public sealed class BoundedBufferTests
{
    [Fact]
    public void Add_BeyondCapacity_KeepsNewestAndCountsDropped()
    {
        var buffer = new BoundedBuffer<int>(3);

        for (var i = 1; i <= 5; i++)
        {
            buffer.Add(i);
        }

        Assert.Equal([3, 4, 5], buffer.Items);
        Assert.Equal(2, buffer.Dropped);
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedBuffer<int>(0));
}
