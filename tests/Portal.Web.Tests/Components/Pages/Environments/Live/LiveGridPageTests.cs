using Portal.Web.Components.Pages.Environments.Live;
using Radzen;

namespace Portal.Web.Tests.Components.Pages.Environments.Live;

public sealed class LiveGridPageTests
{
    [Fact]
    public void Update_BeforeTheGridsFirstLoad_KeepsItemsNull()
    {
        var page = new LiveGridPage<int>(2);

        page.Update([1, 2, 3]);

        Assert.Null(page.Items);
        Assert.Equal(3, page.Count);
    }

    [Fact]
    public void Update_AfterPagingToPageTwo_RecutsThatPage()
    {
        var page = new LiveGridPage<int>(2);
        page.Update([1, 2, 3, 4, 5]);
        page.Load(new LoadDataArgs { Skip = 2, Top = 2 });
        Assert.Equal([3, 4], page.Items);

        page.Update([0, 1, 2, 3, 4, 5]);

        Assert.Equal([2, 3], page.Items);
        Assert.Equal(6, page.Count);
    }
}
