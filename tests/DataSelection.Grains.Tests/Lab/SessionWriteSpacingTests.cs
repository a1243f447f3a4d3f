using DataSelection.Grains.Sessions;

namespace DataSelection.Grains.Tests.Lab;

public class SessionWriteSpacingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 3.75)]
    [InlineData(200, 25)]
    [InlineData(1_000, 125)]
    [InlineData(2_000, 250)]
    [InlineData(10_000, 250)]
    public void A_sessions_writes_are_spaced_by_its_rosters_size_up_to_the_most(int students, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), SessionRules.WriteSpacingFor(students));
    }
}
