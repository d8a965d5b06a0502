-- Signboards (河长公示牌, seed §6(五)): a board stands on a reach, and what a board must say about each chief's duties is kept once, as data a county can complete.

-- The reach a physical board stands on (reaches.code); NULL for boards delivered without one. No
-- foreign key: a layer replaced by an import must not cascade into others (migration 002).
ALTER TABLE signboards ADD COLUMN reach_code text;
CREATE INDEX signboards_reach_code_idx ON signboards (reach_code);

-- The duties a board prints for a chief, by level and role. The seed states them for the chiefs-in-
-- general, their deputies and the city and county river chiefs (§3(二)2, quoted); it leaves those of
-- township and village chiefs and of village-group specialists to each county or park ("乡镇(街道)、
-- 村(社区)河长及村小组专管员职责由所在县(市)区和开发(度假)园区予以明确"), so those rows hold a
-- general text marked as such in `source`, for the county to replace with its own.
CREATE TABLE chief_duties (
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village', 'village_group')),
  role text NOT NULL CHECK (role IN ('chief_general', 'deputy_chief_general', 'chief', 'specialist')),
  duties text NOT NULL,
  source text NOT NULL,
  PRIMARY KEY (level, role)
);

INSERT INTO chief_duties (level, role, duties, source)
SELECT l.level, 'chief_general',
       '负责本级河长制工作的组织领导、统筹协调、决策部署，解决深化河长制过程中的重大问题。',
       'seed §3(二)2'
  FROM (VALUES ('city'), ('county'), ('township')) l(level)
UNION ALL
SELECT l.level, 'deputy_chief_general',
       '负责各级河长制工作的落实推进，组织制定辖区内河长制工作方案，建立健全河(渠)湖库保护管理长效机制，对同级河长、责任部门履职和下级河长制实施情况进行督导，确保完成河长制各项工作目标任务。',
       'seed §3(二)2'
  FROM (VALUES ('city'), ('county'), ('township')) l(level);

INSERT INTO chief_duties (level, role, duties, source) VALUES
('city', 'chief',
 '负责责任区域河长制工作的落实，推进河(渠)湖库保护治理，督促协调市级有关责任部门和责任区域河长制的工作。',
 'seed §3(二)2'),
('county', 'chief',
 '按照属地管理原则，负责辖区内河长制工作的落实，做好河(渠)湖库具体管理保护工作，围绕水资源保护、水污染防治、水环境治理、水生态修复和水域岸线管理保护等主要任务，督促协调本级有关责任部门和乡镇(街道)河长的工作，协调解决具体问题，落实社会监督、群众参与机制，积极发动、组织辖区内广大群众参与河(渠)湖库管理保护。',
 'seed §3(二)2'),
('township', 'chief',
 '负责辖区内河(渠)湖库的日常管理保护，按规定巡河，发现问题及时处理或上报，督促村(社区)河长和村小组专管员履职。',
 'general text, outside the seed: §3(二)2 leaves these duties to the county or park (由所在县(市)区和开发(度假)园区予以明确)'),
('village', 'chief',
 '负责本村(社区)河(渠)湖库的巡查和保洁，劝阻、制止并及时上报侵占河道、乱排乱倒等行为，组织群众参与管理保护。',
 'general text, outside the seed: §3(二)2 leaves these duties to the county or park (由所在县(市)区和开发(度假)园区予以明确)'),
('village_group', 'specialist',
 '负责本村小组河(渠)段的日常巡查、保洁和看护，发现问题及时报告村(社区)河长。',
 'general text, outside the seed: §3(二)2 leaves these duties to the county or park (由所在县(市)区和开发(度假)园区予以明确)');
