# Builds the two deployables: `--target api` (REST API) and `--target cli` (relgraph, e.g. `relgraph ingest seeds`).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/RelationGraph.Api/RelationGraph.Api.csproj -c Release -o /out/api \
 && dotnet publish src/RelationGraph.Cli/RelationGraph.Cli.csproj -c Release -o /out/cli

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS cli
WORKDIR /app
COPY --from=build /out/cli .
COPY seeds ./seeds
USER $APP_UID
ENTRYPOINT ["dotnet", "relgraph.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
WORKDIR /app
COPY --from=build /out/api .
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "RelationGraph.Api.dll"]
