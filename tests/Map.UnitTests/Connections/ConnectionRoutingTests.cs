using Map.Data.Connections;
using Npgsql;

namespace Map.UnitTests.Connections;

public sealed class ConnectionRoutingTests
{
    private const string Primary = "Host=db1;Port=5432;Username=writer;Database=map";

    [Fact]
    public void WithoutMapReadTheWriteStringServesReadsToo()
    {
        Assert.Equal(ConnectionRouting.Write(Primary), ConnectionRouting.Read(Primary, null));
        Assert.Equal(ConnectionRouting.Write(Primary), ConnectionRouting.Read(Primary, " "));
        Assert.Equal("db1", new NpgsqlConnectionStringBuilder(ConnectionRouting.Read(Primary, null)).Host);
    }

    [Fact]
    public void AWriteStringOfSeveralHostsOnlyConnectsToTheOneThatAcceptsWrites()
    {
        var write = new NpgsqlConnectionStringBuilder(ConnectionRouting.Write("Host=db1,db2;Username=writer;Database=map"));

        Assert.Equal("read-write", write.TargetSessionAttributes);
        Assert.Null(new NpgsqlConnectionStringBuilder(ConnectionRouting.Write(Primary)).TargetSessionAttributes);
    }

    [Fact]
    public void ReadsPreferTheStandbysLoadBalancedAndFallBackToThePrimaryListedLast()
    {
        var read = new NpgsqlConnectionStringBuilder(ConnectionRouting.Read(Primary, "Host=db2,db3:5433;Port=6432;Username=reader;Database=map"));

        Assert.Equal("db2:6432,db3:5433,db1:5432", read.Host);
        Assert.Equal("prefer-standby", read.TargetSessionAttributes);
        Assert.True(read.LoadBalanceHosts);
        Assert.Equal("reader", read.Username);
    }

    [Fact]
    public void APrimaryAlreadyListedInMapReadIsNotAddedTwice()
    {
        var read = new NpgsqlConnectionStringBuilder(ConnectionRouting.Read(Primary, "Host=db2:5432,DB1:5432;Username=reader;Database=map"));

        Assert.Equal("db2:5432,DB1:5432", read.Host);
    }
}
