"""Service grids (服务网格), their service teams (网格服务团队), the units register and coverage."""
