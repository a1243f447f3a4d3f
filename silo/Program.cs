using DataSelection.Grains.Hosting;
using DataSelection.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.UseOrleans(silo => silo.ConfigureLabSilo(builder.Configuration));

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
